package io.partita.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class NetworkThreadsTest {

    @Test
    void aRequestBeingHandledKnowsItsConnectionThreadAndNothingElseDoes() {
        Executor loop = Runnable::run;
        assertThat(NetworkThreads.handling(loop, NetworkThreads::currentLoop)).containsSame(loop);
        assertThat(NetworkThreads.currentLoop()).isEmpty();
    }
}
