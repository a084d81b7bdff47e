package io.deskstream.launcher;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.deskstream.api.HttpsCertificate;
import io.deskstream.schemas.wire.PemTrust;

/**
 * How this instance reaches a Kafka cluster that needs TLS or SASL, and whether its HTTP port speaks HTTPS.
 *
 * @param kafkaClients the Kafka client properties of {@code --kafka-config}, for every Kafka client of the process
 * @param https        HTTPS on the HTTP port, or null for plain HTTP
 */
record SecuritySettings(KafkaClientConfig kafkaClients, Https https) {

    static final SecuritySettings NONE = new SecuritySettings(KafkaClientConfig.NONE, null);

    SecuritySettings(KafkaClientConfig kafkaClients) {
        this(kafkaClients, null);
    }

    static SecuritySettings from(RuntimeOptions options) {
        Path cert = blankToNull(options.tlsCert);
        Path key = blankToNull(options.tlsKey);
        Path ca = blankToNull(options.tlsCa);
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: the PEM certificate chain and "
                    + "its private key (" + (cert == null ? "--tls-cert" : "--tls-key") + " is missing)");
        }
        if (ca != null && cert == null) {
            throw new IllegalArgumentException("--tls-ca is the trust of HTTPS calls between instances: it needs "
                    + "--tls-cert and --tls-key");
        }
        return new SecuritySettings(KafkaClientConfig.load(blankToNull(options.kafkaConfig)),
                cert == null ? null : Https.load(cert, key, ca));
    }

    SecuritySettings with(Https changed) {
        return new SecuritySettings(kafkaClients, changed);
    }

    private static Path blankToNull(Path path) {
        return path == null || path.toString().isBlank() ? null : path;
    }

    /**
     * HTTPS on the HTTP port.
     *
     * @param certificate what the port serves: the certificate chain and key of {@code --tls-cert} and
     *                    {@code --tls-key}
     * @param caFile      {@code --tls-ca}, or null
     * @param trust       whom this instance's own HTTPS calls trust — the other instances and the schema registry:
     *                    the certificates of {@code --tls-ca} (else the JDK's trust store) and its own chain
     */
    record Https(HttpsCertificate certificate, Path caFile, SSLContext trust) {

        static Https load(Path certFile, Path keyFile, Path caFile) {
            HttpsCertificate certificate = HttpsCertificate.load(certFile, keyFile);
            List<X509Certificate> trusted = new ArrayList<>(certificate.chain());
            if (caFile != null) {
                trusted.addAll(PemTrust.certificates(caFile));
            }
            return new Https(certificate, caFile, PemTrust.trusting(trusted, caFile == null));
        }

        /** The PEM files whose certificates the export's sinks trust the registry with, besides the JVM's. */
        List<Path> trustedFiles() {
            return caFile == null ? List.of(certificate.certificateFile())
                    : List.of(caFile, certificate.certificateFile());
        }
    }
}
