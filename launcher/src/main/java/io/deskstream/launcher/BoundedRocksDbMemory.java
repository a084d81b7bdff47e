package io.deskstream.launcher;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of the process together: one shared block cache (which also holds
 * index and filter blocks) and memtables charged against it. Without this each store takes its own caches and
 * memory grows with the number of partitions and stores.
 *
 * <p>Sizes: {@value #TOTAL_OFF_HEAP_MB} MiB in all, of which at most {@value #MEMTABLE_MB} MiB memtables.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final long TOTAL_OFF_HEAP_MB = 128;
    static final long MEMTABLE_MB = 32;
    private static final long MIB = 1024L * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    // Shared on purpose: one budget for all stores of the process, never closed while the process runs.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_MB * MIB, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_MB * MIB, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8 * MIB);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store and live as long as the process.
    }
}
