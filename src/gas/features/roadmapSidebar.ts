// «Маршрут → Дорожная карта…»: the items of «Дорожная карта» with their deadlines and state, filters, and a
// methodist's «выполнено» mark (date, link, comment) written under the script lock and audited.
import * as z from 'zod';
import { markRoadmapItem, readRoadmapView } from '../../core/roadmap/register';
import { assertAccess, withAccess } from '../access';
import { showPage } from '../pages';
import { active, methodistDeps } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowRoadmap(): void {
  withAccess(() => showPage('Roadmap', 'Дорожная карта'));
}

/** Every item with its resolved deadlines and today's state (the register names who is responsible: access first). */
export function rpcRoadmapList() {
  assertAccess(active());
  return readRoadmapView(methodistDeps());
}

const markPayload = z.object({
  row: z.number().int().min(0),
  item: z.string().min(1).max(200),
  doneDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  proof: z.string().max(2000),
  comment: z.string().max(2000),
});

export function rpcRoadmapMark(payload: unknown) {
  assertAccess(active());
  return markRoadmapItem(methodistDeps(), payloadOf(markPayload, payload));
}
