package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/** The content of /partita/config/topics/&lt;name&gt; (and of broker config znodes): overrides by name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigOverrides(@JsonProperty("config") Map<String, String> config) {

    public static final ConfigOverrides EMPTY = new ConfigOverrides(Map.of());

    public ConfigOverrides {
        config = config == null ? Map.of() : new TreeMap<>(config);
    }
}
