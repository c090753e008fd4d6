export * from './measure-text';
export * from './numbers';
export * from './html';
export * from './csv';
export * from './charts';
