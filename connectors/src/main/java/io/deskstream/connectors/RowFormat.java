package io.deskstream.connectors;

/** The file formats of the export: each has its folder ({@code format=parquet}) and its writer. */
public enum RowFormat {
    PARQUET("parquet"), CSV("csv");

    private final String extension;

    RowFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
