export { EsdbDouble, startEsdbDouble, type EsdbDoubleMethod, type EsdbDoubleOptions } from './esdb-double';
export { EsdbDoubleStorage, type StoredEvent } from './storage';
