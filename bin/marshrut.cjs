#!/usr/bin/env node
// Dates in the local runtime follow the script's time zone, as they do in Apps Script.
process.env.TZ = process.env.TZ || 'Europe/Moscow';
require('../dist/cli.cjs');
