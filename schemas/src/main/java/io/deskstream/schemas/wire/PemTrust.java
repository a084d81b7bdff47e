package io.deskstream.schemas.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates from PEM files, and the {@link SSLContext} of HTTPS clients that trust them: the registry client
 * calling an HTTPS registry, and deskstream instances calling each other.
 */
public final class PemTrust {

    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private PemTrust() {
    }

    /**
     * The X.509 certificates of a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks), in their order; at least
     * one, else an {@link IllegalArgumentException} naming the file.
     */
    public static List<X509Certificate> certificates(Path pemFile) {
        String text;
        try {
            text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pemFile + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = CERTIFICATE.matcher(text);
        while (block.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1));
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new IllegalArgumentException(pemFile + ": certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(pemFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
                    + (text.contains("PRIVATE KEY-----") ? "; it holds a private key" : ""));
        }
        return List.copyOf(certificates);
    }

    /**
     * A TLS context whose connections trust servers whose certificate chains lead to one of {@code certificates},
     * and, if {@code withJdkTrustStore}, to the JDK's trusted authorities too. Host names are checked as always.
     */
    public static SSLContext trusting(Collection<X509Certificate> certificates, boolean withJdkTrustStore) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            if (withJdkTrustStore) {
                TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                jdk.init((KeyStore) null);
                for (var manager : jdk.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        for (X509Certificate authority : x509.getAcceptedIssuers()) {
                            anchors.setCertificateEntry("jdk-" + n++, authority);
                        }
                    }
                }
            }
            for (X509Certificate certificate : certificates) {
                anchors.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }
}
