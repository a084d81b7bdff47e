package io.deskstream.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import io.deskstream.schemas.wire.PemTrust;

/**
 * The certificate chain and private key the HTTP port serves HTTPS with, read from PEM files: an X.509 chain (the
 * server's certificate first) and an unencrypted PKCS#8 key, RSA or EC. Every problem is found at start and named
 * with its file: unreadable, not PEM, a key in another format, a key that does not belong to the certificate, a
 * certificate out of its validity.
 */
public final class HttpsCertificate {

    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]*?)-----END PRIVATE KEY-----");
    private static final char[] IN_MEMORY = "deskstream-in-memory".toCharArray();

    private final Path certificateFile;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private HttpsCertificate(Path certificateFile, List<X509Certificate> chain, PrivateKey key) {
        this.certificateFile = certificateFile;
        this.chain = chain;
        this.key = key;
    }

    /** Reads and checks the PEM files; {@link IllegalArgumentException} naming the file at fault otherwise. */
    public static HttpsCertificate load(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = PemTrust.certificates(certificateFile);
        X509Certificate server = chain.get(0);
        try {
            server.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException("the certificate in " + certificateFile + " expired on "
                    + server.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the certificate in " + certificateFile + " is valid only from "
                    + server.getNotBefore().toInstant(), e);
        }
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, server)) {
            throw new IllegalArgumentException("the private key in " + keyFile + " does not belong to the certificate "
                    + "in " + certificateFile + " (" + server.getSubjectX500Principal().getName() + ")");
        }
        return new HttpsCertificate(certificateFile, chain, key);
    }

    private static PrivateKey privateKey(Path keyFile) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + keyFile + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key.pem";
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(keyFile + " holds an encrypted key; deskstream needs it unencrypted, "
                    + "readable by its user only" + convert);
        }
        Matcher block = PKCS8.matcher(text);
        if (!block.find()) {
            String found = text.contains("-----BEGIN RSA PRIVATE KEY-----") ? "; it holds a PKCS#1 RSA key" + convert
                    : text.contains("-----BEGIN EC PRIVATE KEY-----") ? "; it holds a SEC1 EC key" + convert
                    : text.contains("-----BEGIN CERTIFICATE-----") ? "; it holds a certificate (--tls-cert and "
                            + "--tls-key swapped?)"
                    : "";
            throw new IllegalArgumentException(keyFile + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)"
                    + found);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": the private key is not valid base64", e);
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(keyFile + " holds no RSA or EC private key that Java can read");
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            return verify.verify(sign.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The chain as read, the server's certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public Path certificateFile() {
        return certificateFile;
    }

    /**
     * Whether HTTPS clients accept this certificate for {@code host}: an IP address among its IP subject
     * alternative names, a host name among its DNS names (a {@code *.} wildcard standing for one label), or its
     * common name when it has no DNS names.
     */
    public boolean names(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ip = h.contains(":") || h.matches("[0-9.]+");
        List<String> dnsNames = new ArrayList<>();
        try {
            if (chain.get(0).getSubjectAlternativeNames() != null) {
                for (List<?> name : chain.get(0).getSubjectAlternativeNames()) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1));
                    if (type == 7 && ip && sameAddress(value, h)) {
                        return true;
                    }
                    if (type == 2) {
                        dnsNames.add(value);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (ip) {
            return false;
        }
        if (dnsNames.isEmpty()) {
            String cn = commonName(chain.get(0).getSubjectX500Principal());
            return cn != null && matches(cn, h);
        }
        return dnsNames.stream().anyMatch(name -> matches(name, h));
    }

    /** The names this certificate is for, for messages. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            if (chain.get(0).getSubjectAlternativeNames() != null) {
                for (List<?> name : chain.get(0).getSubjectAlternativeNames()) {
                    int type = (Integer) name.get(0);
                    if (type == 2 || type == 7) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // none readable
        }
        if (names.isEmpty()) {
            String cn = commonName(chain.get(0).getSubjectX500Principal());
            if (cn != null) {
                names.add(cn);
            }
        }
        return names;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static String commonName(X500Principal subject) {
        for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    /** A key store in memory holding the key and its chain, for the server; its password is {@link #password()}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("deskstream", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the HTTPS key in memory: " + e.getMessage(), e);
        }
    }

    /** The password of {@link #keyStore()} and its key: the store never leaves memory. */
    public String password() {
        return new String(IN_MEMORY);
    }
}
