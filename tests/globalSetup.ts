// Runs once before the jest workers start: makes the browser binary ready (see tests/support/browser.ts).
import { resolveChromium } from './support/browser';

export default async function globalSetup(): Promise<void> {
  await resolveChromium();
}
