package io.deskstream.launcher;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class DeskstreamVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Deskstream.class.getPackage().getImplementationVersion();
        return new String[] {"deskstream " + (version == null ? "development" : version)};
    }
}
