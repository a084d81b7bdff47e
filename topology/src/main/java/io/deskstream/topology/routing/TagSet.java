package io.deskstream.topology.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Tags of a conversation: case-insensitive, in the order they were first put on, each keeping the spelling it was
 * first seen with (events.md: "a tag that differs from one already on the ticket only in case is the same tag").
 */
public final class TagSet {

    private final List<String> tags = new ArrayList<>();
    private final List<String> folded = new ArrayList<>();

    public TagSet() {
    }

    public TagSet(Collection<String> initial) {
        addAll(initial);
    }

    /** Adds a tag unless it is there in some case; answers whether it was new. */
    public boolean add(String tag) {
        String key = fold(tag);
        if (folded.contains(key)) {
            return false;
        }
        folded.add(key);
        tags.add(tag);
        return true;
    }

    /** Adds tags; answers how many were new. */
    public int addAll(Collection<String> more) {
        int added = 0;
        for (String tag : more) {
            if (add(tag)) {
                added++;
            }
        }
        return added;
    }

    public boolean contains(String tag) {
        return folded.contains(fold(tag));
    }

    public List<String> asList() {
        return List.copyOf(tags);
    }

    public int size() {
        return tags.size();
    }

    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
