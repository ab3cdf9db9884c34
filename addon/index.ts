export { addonRouter, type AddonDeps } from './addon-router.js';
export { catalogMeta, catalogMetas, channelMeta, channelStreams, metaId, nowNextText } from './addon-view.js';
export { channelNumbers } from './channel-numbers.js';
export { deviceIdentity, isValidDeviceId } from './device-id.js';
export { deviceXml, discover, lineup, lineupStatus } from './hdhr.js';
export { hdhrRouter, type HdhrDeps } from './hdhr-router.js';
export { buildManifest, catalogsFor, groupCatalogId, readManifestFile, type AddonManifest } from './manifest.js';
export { startSsdp, type Ssdp, type SsdpDeps } from './ssdp.js';
