package io.deskstream.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes whole conversations the way a bike shop's customers and agents would have them: tickets answered after
 * minutes to hours, with follow-ups, transfers, resolutions, ratings and the odd reopening; chats picked up in
 * seconds or missed; calls answered or missed.
 */
final class ConversationScripts {

    private static final List<String> TICKET_CHANNELS =
            List.of("email", "email", "email", "email", "web", "web", "api", "whatsapp", "whatsapp", "facebook",
                    "twitter", "instagram", "viber");
    private static final List<String> SUBJECTS = List.of(
            "Invoice %d is wrong", "Refund for order %d", "Payment failed for order %d", "Broken gear on bike %d",
            "Cannot pump the tyre of bike %d", "Question about frame size %d", "Delivery of order %d",
            "Urgent: order %d not delivered", "Price for %d bikes", "Warranty for bike %d");

    private final Random random;
    private final IdSource ids;
    private final Map<String, List<String>> agents;
    private final List<String> departments;
    private final List<String> presets;

    ConversationScripts(Random random, IdSource ids, Map<String, List<String>> agents, List<String> presets) {
        this.random = random;
        this.ids = ids;
        this.agents = agents;
        this.departments = List.copyOf(agents.keySet());
        this.presets = presets;
    }

    List<ObjectNode> ticket(Instant start) {
        EventLog log = new EventLog(ids, "ticketId", ids.nextTicketId());
        ObjectNode created = log.add("ticket.created", start)
                .put("channel", pick(TICKET_CHANNELS));
        if (random.nextDouble() < 0.95) {
            created.put("subject", pick(SUBJECTS).formatted(100 + random.nextInt(900)));
        }
        String department = pick(presets);
        if (random.nextDouble() < 0.5) {
            created.put("departmentId", department);
        }
        created.set("customer", Customers.next(random));
        if (random.nextDouble() < 0.15) {
            created.putArray("tags").add(random.nextBoolean() ? "urgent" : "gold");
        }
        String agent = agentOf(department);
        if (random.nextDouble() < 0.3) {
            log.add("ticket.message", after(log.last(), 5, 60 * 60));
        }
        if (random.nextDouble() < 0.1) {
            log.add("ticket.assigned", after(log.last(), 60, 30 * 60)).put("agentId", agent);
        }
        if (random.nextDouble() < 0.08) {
            department = pick(departments);
            agent = agentOf(department);
            ObjectNode transfer = log.add("ticket.transferred", after(log.last(), 60, 2 * 60 * 60))
                    .put("departmentId", department);
            if (random.nextBoolean()) {
                transfer.put("agentId", agent);
            }
        }
        if (random.nextDouble() < 0.9) {
            log.add("ticket.reply", after(log.last(), 3 * 60, responseSeconds())).put("agentId", agent);
            int rounds = random.nextInt(3);
            for (int i = 0; i < rounds; i++) {
                log.add("ticket.message", after(log.last(), 10 * 60, 6 * 60 * 60));
                log.add("ticket.reply", after(log.last(), 2 * 60, responseSeconds())).put("agentId", agent);
            }
            if (random.nextDouble() < 0.1) {
                log.add("ticket.tagged", after(log.last(), 10, 600)).putArray("tags").add(random.nextBoolean() ? "billing" : "follow-up");
            }
            if (random.nextDouble() < 0.85) {
                resolveAndRate(log, agent);
            }
        }
        return log.events();
    }

    private void resolveAndRate(EventLog log, String agent) {
        ObjectNode resolved = log.add("ticket.resolved", after(log.last(), 60, 4 * 60 * 60));
        if (random.nextDouble() < 0.8) {
            resolved.put("agentId", agent);
        }
        if (random.nextDouble() < 0.05) {
            // Reopened: the customer writes again, an agent answers and resolves again.
            log.add("ticket.message", after(log.last(), 30 * 60, 24 * 60 * 60));
            log.add("ticket.reply", after(log.last(), 5 * 60, responseSeconds())).put("agentId", agent);
            log.add("ticket.resolved", after(log.last(), 60, 60 * 60)).put("agentId", agent);
        }
        if (random.nextDouble() < 0.6) {
            // A few customers rate days later.
            long latest = random.nextDouble() < 0.1 ? 3 * 24 * 60 * 60 : 3 * 60 * 60;
            log.add("rating", after(log.last(), 5 * 60, latest))
                    .put("value", random.nextDouble() < 0.8 ? "positive" : "negative");
        }
    }

    List<ObjectNode> chat(Instant start) {
        EventLog log = new EventLog(ids, "chatId", ids.nextChatId());
        ObjectNode started = log.add("chat.started", start);
        String department = pick(presets);
        if (random.nextDouble() < 0.7) {
            started.put("departmentId", department);
        }
        started.set("customer", Customers.next(random));
        if (random.nextDouble() < 0.12) {
            if (random.nextBoolean()) {
                log.add("chat.message", after(log.last(), 5, 40)).put("from", "customer");
            }
            log.add("chat.ended", after(log.last(), 60, 5 * 60));
            return log.events();
        }
        log.add("chat.accepted", after(log.last(), 5, 90)).put("agentId", agentOf(department));
        int messages = 2 + random.nextInt(9);
        for (int i = 0; i < messages; i++) {
            log.add("chat.message", after(log.last(), 10, 120)).put("from", i % 2 == 0 ? "customer" : "agent");
        }
        log.add("chat.ended", after(log.last(), 30, 5 * 60));
        return log.events();
    }

    List<ObjectNode> call(Instant start) {
        EventLog log = new EventLog(ids, "callId", ids.nextCallId());
        ObjectNode incoming = log.add("call.incoming", start);
        String department = pick(presets);
        if (random.nextDouble() < 0.8) {
            incoming.put("departmentId", department);
        }
        incoming.set("customer", Customers.next(random));
        if (random.nextDouble() < 0.15) {
            log.add("call.ended", after(log.last(), 20, 120));
            return log.events();
        }
        log.add("call.answered", after(log.last(), 5, 40)).put("agentId", agentOf(department));
        log.add("call.ended", after(log.last(), 60, 15 * 60));
        return log.events();
    }

    /** First and next responses: usually within the hour, sometimes half a day. */
    private long responseSeconds() {
        return random.nextDouble() < 0.8 ? 60 * 60 : 12 * 60 * 60;
    }

    private Instant after(Instant from, long minSeconds, long maxSeconds) {
        long seconds = minSeconds + (long) (random.nextDouble() * Math.max(1, maxSeconds - minSeconds));
        return from.plus(Duration.ofSeconds(seconds)).plusMillis(random.nextInt(1000));
    }

    private String agentOf(String department) {
        List<String> names = agents.get(department);
        return names == null || names.isEmpty() ? "agent-1" : pick(names);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
