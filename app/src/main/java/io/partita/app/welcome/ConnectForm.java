package io.partita.app.welcome;

import io.partita.app.client.core.ConnectionProfile;
import io.partita.app.client.core.SecuritySettings;
import io.partita.app.client.core.SecuritySettings.Protocol;
import io.partita.app.client.core.SecuritySettings.SaslMechanism;
import io.partita.app.client.core.SecuritySettings.StoreType;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The fields of the Connect form: a profile's name, bootstrap servers and security settings, as properties. */
public final class ConnectForm {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty bootstrapServers = new SimpleStringProperty(this, "bootstrapServers", "");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(this, "protocol", Protocol.PLAINTEXT);
    private final ObjectProperty<SaslMechanism> saslMechanism =
            new SimpleObjectProperty<>(this, "saslMechanism", SaslMechanism.PLAIN);
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty truststorePath = new SimpleStringProperty(this, "truststorePath", "");
    private final ObjectProperty<StoreType> truststoreType =
            new SimpleObjectProperty<>(this, "truststoreType", StoreType.PKCS12);
    private final StringProperty truststorePassword = new SimpleStringProperty(this, "truststorePassword", "");
    private final BooleanProperty clientCertificate = new SimpleBooleanProperty(this, "clientCertificate", false);
    private final StringProperty keystorePath = new SimpleStringProperty(this, "keystorePath", "");
    private final ObjectProperty<StoreType> keystoreType =
            new SimpleObjectProperty<>(this, "keystoreType", StoreType.PKCS12);
    private final StringProperty keystorePassword = new SimpleStringProperty(this, "keystorePassword", "");
    private final BooleanProperty verifyHostname = new SimpleBooleanProperty(this, "verifyHostname", true);
    private final BooleanProperty rememberPasswords = new SimpleBooleanProperty(this, "rememberPasswords", false);

    private final BooleanBinding usesSasl = Bindings.createBooleanBinding(
            () -> protocol.get() != null && protocol.get().usesSasl(), protocol);
    private final BooleanBinding usesTls = Bindings.createBooleanBinding(
            () -> protocol.get() != null && protocol.get().usesTls(), protocol);

    /** The security settings as typed (the client keystore only when "client certificate" is on). */
    public SecuritySettings security() {
        boolean mutual = clientCertificate.get();
        return new SecuritySettings(
                protocol.get() == null ? Protocol.PLAINTEXT : protocol.get(),
                saslMechanism.get(),
                username.get(),
                password.get(),
                truststorePath.get(),
                truststoreType.get(),
                truststorePassword.get(),
                mutual ? keystorePath.get() : "",
                keystoreType.get(),
                mutual ? keystorePassword.get() : "",
                verifyHostname.get());
    }

    /** The form as a profile; call only when the bootstrap servers are well-formed. */
    public ConnectionProfile profile() {
        return ConnectionProfile.remote(name.get(), bootstrapServers.get(), security());
    }

    /** Fills the form from a saved profile (its passwords only if they were remembered). */
    public void load(ConnectionProfile p, boolean remembered) {
        SecuritySettings s = p.security();
        name.set(p.name());
        bootstrapServers.set(p.bootstrapServers());
        protocol.set(s.protocol());
        saslMechanism.set(s.saslMechanism());
        username.set(s.username());
        password.set(s.password());
        truststorePath.set(s.truststorePath());
        truststoreType.set(s.truststoreType());
        truststorePassword.set(s.truststorePassword());
        clientCertificate.set(s.hasKeystore());
        keystorePath.set(s.keystorePath());
        keystoreType.set(s.keystoreType());
        keystorePassword.set(s.keystorePassword());
        verifyHostname.set(s.verifyHostname());
        rememberPasswords.set(remembered);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty bootstrapServersProperty() {
        return bootstrapServers;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    public ObjectProperty<SaslMechanism> saslMechanismProperty() {
        return saslMechanism;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty truststorePathProperty() {
        return truststorePath;
    }

    public ObjectProperty<StoreType> truststoreTypeProperty() {
        return truststoreType;
    }

    public StringProperty truststorePasswordProperty() {
        return truststorePassword;
    }

    public BooleanProperty clientCertificateProperty() {
        return clientCertificate;
    }

    public StringProperty keystorePathProperty() {
        return keystorePath;
    }

    public ObjectProperty<StoreType> keystoreTypeProperty() {
        return keystoreType;
    }

    public StringProperty keystorePasswordProperty() {
        return keystorePassword;
    }

    public BooleanProperty verifyHostnameProperty() {
        return verifyHostname;
    }

    public BooleanProperty rememberPasswordsProperty() {
        return rememberPasswords;
    }

    /** SASL fields apply (SASL_PLAINTEXT, SASL_SSL). */
    public BooleanBinding usesSaslProperty() {
        return usesSasl;
    }

    /** TLS fields apply (SSL, SASL_SSL). */
    public BooleanBinding usesTlsProperty() {
        return usesTls;
    }
}
