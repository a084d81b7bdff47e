package io.deskstream.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a simulation keeps the events its open conversations still have to come, as JSON bytes: in memory up to a
 * budget of bytes, beyond it in a temporary file. A simulation dense enough to hold a million conversations open holds
 * about a gigabyte of events to come, which would not fit beside what it feeds in one heap; a conversation held in
 * the file costs only its offsets. Events read back are the same bytes, so the simulation does not change.
 *
 * <p>The file is unlinked as soon as it is opened (where the file system allows it): it never outlives the process,
 * and its space is freed when {@link #close()} is called or the simulation is collected.
 */
final class EventsToCome implements AutoCloseable {

    /** A conversation's events to come, in order; each is handed out once. */
    interface Held {
        byte[] take(int index);
    }

    private final long memoryBudget;
    private long inMemory;
    private FileChannel file;
    private long fileEnd;

    EventsToCome(long memoryBudget) {
        this.memoryBudget = memoryBudget;
    }

    /** Holds one conversation's encoded events until each is taken. */
    Held hold(byte[][] events) {
        long bytes = 0;
        for (byte[] event : events) {
            bytes += event.length;
        }
        if (inMemory + bytes <= memoryBudget) {
            inMemory += bytes;
            return new InMemory(events);
        }
        return onFile(events, bytes);
    }

    /** Bytes of events to come held in memory now. */
    long bytesInMemory() {
        return inMemory;
    }

    /** Bytes written to the file so far (held or taken). */
    long bytesOnFile() {
        return fileEnd;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close the simulation's file of events to come", e);
            }
        }
    }

    private Held onFile(byte[][] events, long bytes) {
        int[] ends = new int[events.length];
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (int i = 0; i < events.length; i++) {
            all.put(events[i]);
            ends[i] = all.position();
        }
        all.flip();
        long offset = fileEnd;
        try {
            FileChannel channel = file();
            while (all.hasRemaining()) {
                channel.write(all, offset + all.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the simulation's events to come to a temporary file", e);
        }
        fileEnd += bytes;
        return new OnFile(offset, ends);
    }

    private FileChannel file() throws IOException {
        if (file == null) {
            Path path = Files.createTempFile("deskstream-simulation-", ".events");
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        }
        return file;
    }

    private final class InMemory implements Held {
        private final byte[][] events;

        InMemory(byte[][] events) {
            this.events = events;
        }

        @Override
        public byte[] take(int index) {
            byte[] event = events[index];
            events[index] = null;
            inMemory -= event.length;
            return event;
        }
    }

    private final class OnFile implements Held {
        private final long offset;
        private final int[] ends;

        OnFile(long offset, int[] ends) {
            this.offset = offset;
            this.ends = ends;
        }

        @Override
        public byte[] take(int index) {
            int start = index == 0 ? 0 : ends[index - 1];
            ByteBuffer event = ByteBuffer.allocate(ends[index] - start);
            try {
                while (event.hasRemaining()) {
                    if (file.read(event, offset + start + event.position()) < 0) {
                        throw new IOException("the file of events to come ended early");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the simulation's events to come back", e);
            }
            return event.array();
        }
    }
}
