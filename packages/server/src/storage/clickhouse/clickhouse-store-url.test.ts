import { describe, expect, it } from 'vitest';
import { clickHouseStoreOptions } from './clickhouse-store-url.js';

describe('clickHouseStoreOptions', () => {
  it('reads the first shard from the host, the others from shards, the database from the path', () => {
    expect(clickHouseStoreOptions('clickhouse://10.0.0.1:8123/mw?shards=10.0.0.2:8124,ch3:8123&cluster=prod')).toEqual({
      shards: ['http://10.0.0.1:8123', 'http://10.0.0.2:8124', 'http://ch3:8123'],
      database: 'mw',
      cluster: 'prod',
    });
    expect(clickHouseStoreOptions('clickhouse://localhost')).toEqual({
      shards: ['http://localhost:8123'],
      database: 'modelwatch',
      cluster: 'modelwatch',
    });
  });

  it('rejects malformed URLs naming the part', () => {
    expect(() => clickHouseStoreOptions('duckdb')).toThrow(/expected clickhouse:\/\//);
    expect(() => clickHouseStoreOptions('clickhouse://h:1/db?shards=h2')).toThrow(/shards: expected host:port/);
    expect(() => clickHouseStoreOptions('clickhouse://h:1/db;drop')).toThrow(/database must match/);
    expect(() => clickHouseStoreOptions('clickhouse://h:1/db?replicas=2')).toThrow(/unknown parameter "replicas"/);
    expect(() => clickHouseStoreOptions('clickhouse://u:p@h:1/db')).toThrow(/credentials/);
  });
});
