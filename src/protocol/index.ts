export * from './version';
export * from './records';
export * from './messages';
export * from './changes';
export * from './actions';
export * from './validate';
export * from './sequence';
export * from './console';
