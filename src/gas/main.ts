// The only module whose exports become Apps Script globals (scripts/build.mjs turns each export into a
// top-level function declaration): menus, triggers and the sidebars' google.script.run targets. Each feature's
// whole surface (its menu item, its RPCs) lives in one module of ./features; this file only re-exports them.
export * from './features/workbookMenu';
export * from './features/formTriggers';
export * from './features/quarantineSidebar';
export * from './features/iomSidebar';
export * from './features/importSidebar';
export * from './features/settingsSidebar';
export * from './features/workbookHealth';
export * from './features/indicatorsSidebar';
export * from './features/digestTriggers';
export * from './features/dashboard';
export * from './features/regionSidebar';
export * from './features/schedulerTrigger';
export * from './features/roadmapSidebar';
