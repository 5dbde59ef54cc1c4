/** The wire module: frame values, addresses, and their bytes (encode/decode), checksums, descriptions. */
export * from './frame.js';
export * from './mac.js';
export * from './ipv4-address.js';
export * from './checksum.js';
export * from './encode.js';
export * from './decode.js';
export * from './describe.js';
