import { Matches } from 'class-validator';

/** No run of 11 digits: operators' free text (summaries, notes, reasons) must not carry a personidentifikator. */
export const NO_PERSONIDENTIFIKATOR = /^(?![\s\S]*\d{11})[\s\S]*$/;

export function NoPersonidentifikator(): PropertyDecorator {
  return Matches(NO_PERSONIDENTIFIKATOR, {
    message: '$property must not contain an 11-digit number (a personal identifier); use the block-subject action',
  });
}
