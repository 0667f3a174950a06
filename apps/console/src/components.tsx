import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Select,
  Spinner,
  Table,
} from '@digdir/designsystemet-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ApiError } from './api/admin-api';
import type { Loaded } from './use-load';
import { t } from './messages';

/** Shows a load's data, or that it is loading, or its error as the API named it. */
export function Load<T>({ load, children }: { load: Loaded<T>; children: (data: T) => ReactNode }): ReactNode {
  if (load.error) return <ProblemAlert error={load.error} />;
  if (load.data === undefined) return <Spinner aria-label={t.common.loading} data-size="md" />;
  return children(load.data);
}

/** A page: its level-1 heading, and its parts stacked below. */
export function Page({ title, children }: { title: ReactNode; children?: ReactNode }): ReactNode {
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {children}
    </div>
  );
}

/** A page's part under its own level-2 heading, which names the section for assistive technology. */
export function Section({ id, title, children }: { id: string; title: ReactNode; children?: ReactNode }): ReactNode {
  return (
    <section aria-labelledby={id}>
      <Heading id={id} level={2} data-size="sm">
        {title}
      </Heading>
      {children}
    </section>
  );
}

export function ProblemAlert({ error }: { error: Error }): ReactNode {
  const text =
    error instanceof ApiError
      ? error.status === 403
        ? `${t.common.forbidden} (${error.code})`
        : t.common.error(error.code, error.detail)
      : error.message;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}

/**
 * A form whose submit calls the admin API: the button is busy while it runs, the outcome is
 * announced, and the fields keep their values if the call fails (or the session expired meanwhile).
 */
export function ActionForm({
  label,
  onSubmit,
  children,
  variant = 'primary',
}: {
  label: string;
  onSubmit: () => Promise<unknown>;
  children?: ReactNode;
  variant?: 'primary' | 'secondary';
}): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await onSubmit();
      setDone(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="action-form">
      {children}
      <Button type="submit" variant={variant} aria-busy={busy} disabled={busy}>
        {label}
      </Button>
      <div aria-live="polite">
        {error && <ProblemAlert error={error} />}
        {done && <Paragraph data-size="sm">{t.common.done}</Paragraph>}
      </div>
    </form>
  );
}

/** A drop-down list under its label; the two are siblings, so the caller decides how they sit in a form. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  optionLabel = (option) => option,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly string[];
  optionLabel?: (option: string) => ReactNode;
}): ReactNode {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <Select.Option key={option} value={option}>
            {optionLabel(option)}
          </Select.Option>
        ))}
      </Select>
    </>
  );
}

/** Checkboxes under a legend that together choose some of `options`, in the order they were ticked. */
export function CheckboxGroup({
  legend,
  options,
  optionLabel = (option) => option,
  checked,
  onChange,
}: {
  legend: ReactNode;
  options: readonly string[];
  optionLabel?: (option: string) => string;
  checked: string[];
  onChange: (checked: string[]) => void;
}): ReactNode {
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((option) => (
        <Checkbox
          key={option}
          label={optionLabel(option)}
          value={option}
          checked={checked.includes(option)}
          onChange={(event) =>
            onChange(event.target.checked ? [...checked, option] : checked.filter((value) => value !== option))
          }
        />
      ))}
    </Fieldset>
  );
}

export const formatTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('nb-NO', { dateStyle: 'short', timeStyle: 'short' }) : '–';

export interface DataRow {
  key: string;
  cells: ReactNode[];
}

/**
 * A list shown as a table: the pages' one way to tabulate. Under one header row, or without
 * `headers` a table of named rows, each row's first cell its header.
 */
export function DataTable({
  headers,
  rows,
  caption,
  captionHidden = false,
  size,
}: {
  headers?: ReactNode[];
  rows: DataRow[];
  caption?: string;
  captionHidden?: boolean;
  size?: 'sm';
}): ReactNode {
  return (
    <Table data-size={size}>
      {caption && <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>}
      {headers && (
        <Table.Head>
          <Table.Row>
            {headers.map((header, i) => (
              <Table.HeaderCell key={i}>{header}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
      )}
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.key}>
            {row.cells.map((cell, i) =>
              !headers && i === 0 ? (
                <Table.HeaderCell key={i} scope="row">
                  {cell}
                </Table.HeaderCell>
              ) : (
                <Table.Cell key={i}>{cell}</Table.Cell>
              ),
            )}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
