// Indicators and dates are computed in the municipality's zone; tests pin it.
process.env.TZ = 'Europe/Moscow';
export {};
