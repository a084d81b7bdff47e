package io.deskstream.simulator;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Made-up customers of the bike shop: mostly retail, some wholesale dealers, a few VIPs, across Europe. */
final class Customers {

    private static final List<String> COUNTRIES = List.of("CZ", "DE", "AT", "IT", "GB", "LT", "US", "FR");
    private static final List<String> LANGUAGES = List.of("cs", "de", "de", "it", "en", "lt", "en", "fr");
    private static final List<String> DOMAINS =
            List.of("gmail.com", "seznam.cz", "web.de", "outlook.com", "cyclepartners.com", "velo-dealer.de");

    private Customers() {
    }

    static ObjectNode next(Random random) {
        int country = random.nextInt(COUNTRIES.size());
        double kind = random.nextDouble();
        String type = kind < 0.05 ? "vip" : kind < 0.25 ? "wholesale" : "retail";
        int number = random.nextInt(50_000);
        String domain = DOMAINS.get(type.equals("wholesale") ? 4 + random.nextInt(2) : random.nextInt(4));
        return JsonNodeFactory.instance.objectNode()
                .put("id", "c-" + number)
                .put("email", "customer" + number + "@" + domain)
                .put("type", type)
                .put("country", COUNTRIES.get(country))
                .put("language", LANGUAGES.get(country));
    }
}
