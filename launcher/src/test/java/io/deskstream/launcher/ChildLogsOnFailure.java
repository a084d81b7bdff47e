package io.deskstream.launcher;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every child JVM's log once, when a test fails or the set-up before all of them does: the logs
 * live in the test's temporary directory, which is deleted afterwards.
 */
final class ChildLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int LINES = 60;

    private final Supplier<List<ChildJvm>> children;
    private final AtomicBoolean printed = new AtomicBoolean();

    ChildLogsOnFailure(Supplier<List<ChildJvm>> children) {
        this.children = children;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print();
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        print();
        throw throwable;
    }

    private void print() {
        if (!printed.compareAndSet(false, true)) {
            return;
        }
        for (ChildJvm child : children.get()) {
            System.out.println("---- the last " + LINES + " lines of " + child.log() + "\n" + child.tail(LINES));
        }
    }
}
