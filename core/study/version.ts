import pkg from '../../package.json' with { type: 'json' };

/** The product version the study names in its reproducibility section. */
export const PRODUCT_VERSION: string = pkg.version;
