import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DomainError, isUuid, Orgnr } from '#core';
import type { IncidentEntity, IncidentStatus } from '#database';
import { type ActingOperator, OperatorActionLog, TenantService } from '#tenancy';
import {
  type CreateIncidentDto,
  IncidentView,
  type ListIncidentsQuery,
  TimelineEntryView,
  type TimelineNoteDto,
  toIncidentView,
  toTimelineEntryView,
  type UpdateIncidentDto,
} from './incident.dto.js';
import { IncidentActionView, toIncidentActionViews } from './incident-action.dto.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentRepository } from './incident.repository.js';
import { allowedTransitions, canTransition } from './incident-status.js';

/** An incident with its timeline and actions. */
export class IncidentDetailView extends IncidentView {
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
  @ApiProperty({ type: [IncidentActionView] }) actions!: IncidentActionView[];
}

export function incidentNotFound(id: string): DomainError {
  return new DomainError('incident-not-found', `No incident ${isUuid(id) ? id : '(malformed id)'}`);
}

/** Incidents: opened, changed along open → mitigating → resolved → closed, and annotated by incident managers. */
@Injectable()
export class IncidentService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly tenants: TenantService,
    private readonly notifier: IncidentNotifier,
    private readonly actions: OperatorActionLog,
  ) {}

  async open(dto: CreateIncidentDto, actor: ActingOperator): Promise<IncidentView> {
    const affectedTenants = await this.existingTenants(dto.affectedTenants ?? []);
    const incident = await this.incidents.transaction(async (manager) => {
      const created = await this.incidents.insert(manager, {
        severity: dto.severity,
        summary: dto.summary,
        affectedTenants,
        affectedApis: [...(dto.affectedApis ?? [])],
        openedBy: actor.subject,
      });
      await this.incidents.addTimeline(manager, {
        incidentId: created.id,
        kind: 'opened',
        author: actor.subject,
        text: `Opened with severity ${created.severity}: ${created.summary}`,
      });
      await this.actions.record(manager, {
        actor,
        operation: 'incident.open',
        tenantOrgnr: null,
        before: null,
        after: toIncidentView(created),
        incidentId: created.id,
      });
      return created;
    });
    const view = toIncidentView(incident);
    await this.notifier.notify({
      incidentId: incident.id,
      actionId: null,
      tenants: affectedTenants,
      event: 'incident.opened',
      data: { severity: incident.severity, status: incident.status, affectedApis: incident.affectedApis },
    });
    return view;
  }

  async list(query: ListIncidentsQuery): Promise<IncidentView[]> {
    const tenant = query.tenant === undefined ? undefined : Orgnr.parse(query.tenant).value;
    return (await this.incidents.list({ status: query.status, tenant })).map(toIncidentView);
  }

  async get(id: string): Promise<IncidentDetailView> {
    const incident = await this.require(id);
    const [timeline, actions, notifications] = await Promise.all([
      this.incidents.timeline(incident.id),
      this.incidents.actions(incident.id),
      this.incidents.notifications(incident.id),
    ]);
    return {
      ...toIncidentView(incident),
      timeline: timeline.map(toTimelineEntryView),
      actions: toIncidentActionViews(actions, notifications),
    };
  }

  /** The incident, or 404 incident-not-found (also for a malformed id). */
  async require(id: string): Promise<IncidentEntity> {
    const incident = isUuid(id) ? await this.incidents.find(id) : null;
    if (!incident) throw incidentNotFound(id);
    return incident;
  }

  async update(id: string, dto: UpdateIncidentDto, actor: ActingOperator): Promise<IncidentView> {
    await this.require(id);
    const affectedTenants =
      dto.affectedTenants === undefined ? undefined : await this.existingTenants(dto.affectedTenants);
    const { before, after } = await this.incidents.transaction(async (manager) => {
      const current = await this.incidents.findForUpdate(manager, id);
      if (!current) throw incidentNotFound(id);
      if (current.status === 'closed') throw closed(current);
      const changes: Parameters<IncidentRepository['update']>[2] = {};
      const notes: string[] = [];
      if (dto.status !== undefined && dto.status !== current.status) {
        if (!canTransition(current.status, dto.status)) {
          throw new DomainError('invalid-transition', `An incident cannot go from ${current.status} to ${dto.status}`, {
            extensions: {
              currentStatus: current.status,
              requested: dto.status,
              allowed: allowedTransitions(current.status),
            },
          });
        }
        changes.status = dto.status;
        if (dto.status === 'resolved') changes.resolvedAt = new Date();
        if (dto.status === 'closed') changes.closedAt = new Date();
      }
      if (dto.severity !== undefined && dto.severity !== current.severity) {
        changes.severity = dto.severity;
        notes.push(`severity ${current.severity} → ${dto.severity}`);
      }
      if (dto.summary !== undefined && dto.summary !== current.summary) {
        changes.summary = dto.summary;
        notes.push('summary changed');
      }
      if (affectedTenants !== undefined) {
        changes.affectedTenants = affectedTenants;
        notes.push(`affected tenants: ${affectedTenants.join(', ') || 'none'}`);
      }
      if (dto.affectedApis !== undefined) {
        changes.affectedApis = [...dto.affectedApis];
        notes.push(`affected APIs: ${dto.affectedApis.join(', ') || 'none'}`);
      }
      if (Object.keys(changes).length === 0) return { before: current, after: current };
      const updated = await this.incidents.update(manager, id, changes);
      if (changes.status)
        await this.incidents.addTimeline(manager, {
          incidentId: id,
          kind: 'status',
          author: actor.subject,
          text: `Status ${current.status} → ${changes.status}`,
        });
      if (notes.length > 0)
        await this.incidents.addTimeline(manager, {
          incidentId: id,
          kind: 'update',
          author: actor.subject,
          text: `Changed ${notes.join('; ')}`,
        });
      await this.actions.record(manager, {
        actor,
        operation: 'incident.update',
        tenantOrgnr: null,
        before: toIncidentView(current),
        after: toIncidentView(updated),
        incidentId: id,
      });
      return { before: current, after: updated };
    });
    const view = toIncidentView(after);
    if (before === after) return view;
    // Tenants added to the incident hear of it as if it had just opened; the others hear of a new status.
    const added = after.affectedTenants.filter((orgnr) => !before.affectedTenants.includes(orgnr));
    if (added.length > 0) {
      await this.notifier.notify({
        incidentId: id,
        actionId: null,
        tenants: added,
        event: 'incident.opened',
        data: { severity: after.severity, status: after.status, affectedApis: after.affectedApis },
      });
    }
    const known = after.affectedTenants.filter((orgnr) => !added.includes(orgnr));
    if (after.status !== before.status && known.length > 0) {
      await this.notifier.notify({
        incidentId: id,
        actionId: null,
        tenants: known,
        event: 'incident.status-changed',
        data: { severity: after.severity, status: after.status },
      });
    }
    return view;
  }

  async addNote(id: string, dto: TimelineNoteDto, actor: ActingOperator): Promise<TimelineEntryView> {
    await this.require(id);
    const entry = await this.incidents.transaction(async (manager) => {
      const current = await this.incidents.findForUpdate(manager, id);
      if (!current) throw incidentNotFound(id);
      if (current.status === 'closed') throw closed(current);
      const added = await this.incidents.addTimeline(manager, {
        incidentId: id,
        kind: 'note',
        author: actor.subject,
        text: dto.text,
      });
      await this.actions.record(manager, {
        actor,
        operation: 'incident.note',
        tenantOrgnr: null,
        before: null,
        after: { entryId: added.id },
        incidentId: id,
      });
      return added;
    });
    return toTimelineEntryView(entry);
  }

  /** Parsed, de-duplicated orgnrs; each must be a tenant (404 tenant-not-found). */
  private async existingTenants(orgnrs: readonly string[]): Promise<string[]> {
    const parsed = [...new Set(orgnrs.map((orgnr) => Orgnr.parse(orgnr).value))];
    for (const orgnr of parsed) await this.tenants.requireExisting(orgnr);
    return parsed;
  }
}

export function closed(incident: IncidentEntity): DomainError {
  return new DomainError('incident-closed', `Incident ${incident.id} is closed`, {
    extensions: { currentStatus: 'closed' satisfies IncidentStatus, allowed: [] },
  });
}
