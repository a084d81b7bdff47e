package io.deskstream.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a failure into one clear line for the user (the full trace goes to the log at debug level, shown with
 * {@code --verbose}) and exit code 1.
 */
final class UserFacingErrors implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UserFacingErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        LOG.debug("command failed", e);
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        commandLine.getErr().println("deskstream: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        return 1;
    }
}
