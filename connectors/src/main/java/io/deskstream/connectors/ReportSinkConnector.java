package io.deskstream.connectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** The export of the report-rows topic to files; {@link ParquetReportSink} and {@link CsvReportSink} pick the format. */
public abstract class ReportSinkConnector extends SinkConnector {

    static final String VERSION = "0.1.0";

    private Map<String, String> properties;

    protected abstract RowFormat format();

    @Override
    public void start(Map<String, String> given) {
        properties = new HashMap<>(given);
        properties.putIfAbsent(ExportConfig.FORMAT, format().extension());
        if (!properties.get(ExportConfig.FORMAT).equals(format().extension())) {
            throw new org.apache.kafka.common.config.ConfigException(ExportConfig.FORMAT, properties.get(ExportConfig.FORMAT),
                    getClass().getSimpleName() + " writes " + format().extension());
        }
        new ExportConfig(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ReportSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(properties);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return ExportConfig.definition(format());
    }

    @Override
    public String version() {
        return VERSION;
    }
}
