package io.partita.app.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSessionTest {

    @Test
    void aClientThatFailsToCloseDoesNotKeepTheOthersOpen() {
        ClientSession session = new ClientSession(Runnable::run);
        List<String> closed = new ArrayList<>();
        session.stopOnDisconnect(() -> {
            throw new IllegalStateException("could not close the browser's consumer");
        });
        session.stopOnDisconnect(() -> closed.add("producer"));
        session.stopOnDisconnect(() -> closed.add("consumer"));

        assertThat(session.closeClients()).isNull();

        assertThat(closed).containsExactlyInAnyOrder("producer", "consumer");
        session.closeClients(); // the hooks ran once: a second disconnect finds none
        assertThat(closed).hasSize(2);
    }
}
