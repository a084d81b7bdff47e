package io.deskstream.api.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.deskstream.api.ApiError;

/**
 * Who is asking: the admin, who sees everything, or an agent, who sees only the departments of their token.
 *
 * @param tokenId     the agent token's public id; null for the admin and for public routes
 * @param departments the departments an agent sees; empty for the admin
 */
public record Caller(boolean admin, String tokenId, Set<String> departments) {

    public static final Caller ADMIN = new Caller(true, null, Set.of());
    /** Whoever calls a public route. */
    public static final Caller ANONYMOUS = new Caller(false, null, Set.of());

    public Caller {
        departments = Set.copyOf(departments);
    }

    public static Caller agent(String tokenId, List<String> departments) {
        return new Caller(false, tokenId, new LinkedHashSet<>(departments));
    }

    public boolean sees(String department) {
        return admin || departments.contains(department);
    }

    /**
     * An agent whose token record names no department (only a record written straight to the access-tokens topic can
     * be so): it sees nothing. Where an empty set of departments means all of them, as in a report query, ask this
     * first.
     */
    public boolean seesNothing() {
        return !admin && departments.isEmpty();
    }

    /**
     * The departments a request may cover: what it names, or for an agent naming none, the agent's own. Naming a
     * department the token does not see answers 403: a report silently narrowed would look like a true zero. An
     * empty answer means every department, except for a caller that {@link #seesNothing()}.
     *
     * @param named     the departments the request names, empty for all
     * @param parameter where the request names them, for the error
     */
    public Set<String> departmentsFor(Set<String> named, String parameter) {
        if (admin) {
            return named;
        }
        if (named.isEmpty()) {
            return departments;
        }
        Set<String> outside = new TreeSet<>(named);
        outside.removeAll(departments);
        if (!outside.isEmpty()) {
            throw ApiError.forbidden("this token does not see department " + String.join(", ", outside)
                    + " (" + parameter + "); it sees " + (departments.isEmpty() ? "no department"
                    : String.join(", ", new TreeSet<>(departments))));
        }
        return named;
    }

    public void requireAdmin(String what) {
        if (!admin) {
            throw ApiError.forbidden(what + " needs the admin token");
        }
    }
}
