// «Маршрут → Карантин…»: the sidebar and its RPCs (list, fix and re-process one or all, dismiss).
import * as z from 'zod';
import { dismissEntry, quarantinePanel, reprocessAll, reprocessOne } from '../../core/intake/quarantineService';
import { assertAccess, withAccess } from '../access';
import { showPage } from '../pages';
import { active, methodistDeps } from './context';
import { payloadOf, shown } from './rpcPayload';

export function menuShowQuarantine(): void {
  withAccess(() => showPage('Quarantine', 'Карантин'));
}

/** The rows of «Карантин» with who answered, and each form's questions (kinds, required, allowed values). */
export function rpcQuarantineList() {
  assertAccess(active());
  const { entries, questions } = quarantinePanel(methodistDeps());
  return { entries: entries.map((e) => ({ ...e, receivedAt: shown(e.receivedAt) })), questions };
}

const reprocessPayload = z.object({ id: z.string().min(1), answers: z.record(z.string(), z.string()).optional() });

export function rpcQuarantineReprocess(payload: unknown) {
  assertAccess(active());
  const { id, answers } = payloadOf(reprocessPayload, payload);
  return reprocessOne(methodistDeps(), id, answers);
}

export function rpcQuarantineReprocessAll() {
  assertAccess(active());
  return reprocessAll(methodistDeps());
}

const dismissPayload = z.object({ id: z.string().min(1), comment: z.string() });

export function rpcQuarantineDismiss(payload: unknown) {
  assertAccess(active());
  const { id, comment } = payloadOf(dismissPayload, payload);
  dismissEntry(methodistDeps(), id, comment);
  return { ok: true };
}
