package io.partita.app.client.core;

import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.Secrets;
import io.partita.app.client.core.SecuritySettings.StoreType;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved connection profiles. Everything but passwords goes to the preferences (one child node per profile);
 * passwords are written only for profiles saved with "Remember passwords", to {@code credentials.properties} in
 * Partita's home directory, a file only its owner may read or write (POSIX 600). Without it, the passwords are
 * asked for at connect time.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

    private final Preferences node;
    private final Path credentialsFile;

    public ProfileStore(Preferences node, Path credentialsFile) {
        this.node = node;
        this.credentialsFile = credentialsFile;
    }

    /** Where remembered passwords live, to tell the user. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    /** Every saved profile, sorted by name (case-insensitive), with its remembered passwords if any. */
    public List<ConnectionProfile> list() {
        List<ConnectionProfile> profiles = new ArrayList<>();
        try {
            for (String child : node.childrenNames()) {
                read(node.node(child)).ifPresent(profiles::add);
            }
        } catch (BackingStoreException | IllegalStateException e) {
            LOG.warn("Could not read the saved connections: {}", e.getMessage());
        }
        profiles.sort(Comparator.comparing(ConnectionProfile::name, String.CASE_INSENSITIVE_ORDER));
        return profiles;
    }

    public Optional<ConnectionProfile> find(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether the profile's passwords were saved with it. */
    public boolean remembersPasswords(String name) {
        return exists(name) && node.node(key(name)).getBoolean("rememberPasswords", false);
    }

    public boolean exists(String name) {
        try {
            return !name.isBlank() && node.nodeExists(key(name));
        } catch (BackingStoreException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Saves (or replaces) a named remote profile. Its passwords are written to the credentials file only when
     * {@code rememberPasswords}; otherwise any remembered before are forgotten.
     */
    public void save(ConnectionProfile profile, boolean rememberPasswords) throws IOException {
        if (!profile.isNamed() || profile.isLocal()) {
            throw new IllegalArgumentException("only a named connection to a cluster can be saved");
        }
        SecuritySettings s = profile.security();
        Preferences p = node.node(key(profile.name()));
        p.put("name", profile.name());
        p.put("bootstrap", profile.bootstrapServers());
        p.put("protocol", s.protocol().name());
        p.put("saslMechanism", s.saslMechanism().name());
        p.put("username", s.username());
        p.put("truststore", s.truststorePath());
        p.put("truststoreType", s.truststoreType().name());
        p.put("keystore", s.keystorePath());
        p.put("keystoreType", s.keystoreType().name());
        p.putBoolean("verifyHostname", s.verifyHostname());
        p.putBoolean("rememberPasswords", rememberPasswords);
        flush();
        writeSecrets(profile.name(), rememberPasswords ? s.secrets() : Secrets.NONE);
    }

    /** Forgets a profile and its remembered passwords. */
    public void delete(String name) throws IOException {
        try {
            if (node.nodeExists(key(name))) {
                node.node(key(name)).removeNode();
                flush();
            }
        } catch (BackingStoreException e) {
            throw new IOException("Could not delete the saved connection " + name + ": " + e.getMessage(), e);
        }
        writeSecrets(name, Secrets.NONE);
    }

    private Optional<ConnectionProfile> read(Preferences p) {
        try {
            String name = p.get("name", "");
            SecuritySettings s = new SecuritySettings(
                    Protocol.valueOf(p.get("protocol", "PLAINTEXT")),
                    SaslMechanism.valueOf(p.get("saslMechanism", "PLAIN")),
                    p.get("username", ""),
                    "",
                    p.get("truststore", ""),
                    StoreType.valueOf(p.get("truststoreType", "PKCS12")),
                    "",
                    p.get("keystore", ""),
                    StoreType.valueOf(p.get("keystoreType", "PKCS12")),
                    "",
                    p.getBoolean("verifyHostname", true));
            Secrets secrets = p.getBoolean("rememberPasswords", false) ? readSecrets(name) : Secrets.NONE;
            return Optional.of(ConnectionProfile.remote(name, p.get("bootstrap", ""), s.withSecretsOf(secrets)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a damaged saved connection {}: {}", p.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private Secrets readSecrets(String name) {
        Properties all = loadCredentials();
        String k = key(name);
        return new Secrets(
                all.getProperty(k + ".password"),
                all.getProperty(k + ".truststorePassword"),
                all.getProperty(k + ".keystorePassword"));
    }

    private Properties loadCredentials() {
        Properties all = new Properties();
        if (Files.isReadable(credentialsFile)) {
            try (Reader in = Files.newBufferedReader(credentialsFile, StandardCharsets.UTF_8)) {
                all.load(in);
            } catch (IOException e) {
                LOG.warn("Could not read {}: {}", credentialsFile, e.getMessage());
            }
        }
        return all;
    }

    /** Rewrites the credentials file with {@code secrets} for {@code name} (none: removed), owner-only, atomically. */
    private synchronized void writeSecrets(String name, Secrets secrets) throws IOException {
        Properties all = loadCredentials();
        String k = key(name);
        boolean had = all.stringPropertyNames().stream().anyMatch(key -> key.startsWith(k + "."));
        all.remove(k + ".password");
        all.remove(k + ".truststorePassword");
        all.remove(k + ".keystorePassword");
        putIfSet(all, k + ".password", secrets.password());
        putIfSet(all, k + ".truststorePassword", secrets.truststorePassword());
        putIfSet(all, k + ".keystorePassword", secrets.keystorePassword());
        if (!had && secrets.isEmpty()) {
            return; // nothing to write, and no file to create
        }
        Files.createDirectories(credentialsFile.getParent());
        Path temp = credentialsFile.resolveSibling(credentialsFile.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Created owner-only, so the passwords are never readable by others, not even for a moment.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp); // the home directory's own protection applies (Windows user profile)
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            all.store(out, "Partita: passwords of saved connections (\"Remember passwords\"). Readable only by you.");
        }
        Files.move(temp, credentialsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putIfSet(Properties p, String key, String value) {
        if (!value.isEmpty()) {
            p.setProperty(key, value);
        }
    }

    /**
     * A profile's key, in the preferences and the credentials file: a digest of its name, since preferences node
     * names may not contain '/' and are at most 80 characters (the name itself is stored inside).
     */
    private static String key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "profile-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("Could not save the connections: {}", e.getMessage());
        }
    }
}
