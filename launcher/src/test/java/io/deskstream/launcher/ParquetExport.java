package io.deskstream.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Parquet files of an export as DuckDB reads them, read once into a table: a long export is many files, and the
 * questions asked of it are two.
 *
 * @param totals the newest revision of each hour cell, summed by department: department to count column to sum
 * @param copies rows whose hour cell and revision are there more than once
 * @param files  the Parquet files read
 */
record ParquetExport(Map<String, Map<String, Long>> totals, long copies, long files) {

    static ParquetExport read(Path exports) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE exported AS SELECT * FROM read_parquet('" + exports
                    + "/format=parquet/**/*.parquet', hive_partitioning=true, filename=true)");
            StringBuilder sums = new StringBuilder("SELECT department");
            ExportIntegrationTest.COUNTS.forEach(c -> sums.append(", CAST(sum(").append(c).append(") AS BIGINT) AS ")
                    .append(c));
            Map<String, Map<String, Long>> totals = new TreeMap<>();
            try (ResultSet rs = statement.executeQuery(sums + " FROM (SELECT * FROM exported QUALIFY row_number() "
                    + "OVER (PARTITION BY bucket, department, channel, agent ORDER BY revision DESC) = 1) "
                    + "GROUP BY department")) {
                while (rs.next()) {
                    Map<String, Long> counts = new TreeMap<>();
                    for (String c : ExportIntegrationTest.COUNTS) {
                        counts.put(c, rs.getLong(c));
                    }
                    totals.put(rs.getString("department"), counts);
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM (SELECT bucket, department, "
                    + "channel, agent, revision, count(*) AS n FROM exported GROUP BY ALL HAVING n > 1)), "
                    + "(SELECT count(DISTINCT filename) FROM exported)")) {
                rs.next();
                return new ParquetExport(totals, rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
