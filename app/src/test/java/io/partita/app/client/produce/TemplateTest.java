package io.partita.app.client.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partita.app.client.records.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Instant NOW = Instant.parse("2026-11-26T00:12:00.123Z");

    @Test
    void fillsInTheSequenceTheInstantAndKeepsTheRestAsWritten() {
        Template t = Template.parse("k-{{seq}} at {{now}}, {{ seq }}!", "The key");
        assertThat(t.render(0, new Random(1), NOW)).isEqualTo("k-0 at 2026-11-26T00:12:00.123Z, 0!");
        assertThat(t.render(199, new Random(1), NOW)).isEqualTo("k-199 at 2026-11-26T00:12:00.123Z, 199!");
        assertThat(t.isConstant()).isFalse();
        assertThat(t.text()).isEqualTo("k-{{seq}} at {{now}}, {{ seq }}!");
    }

    @Test
    void textWithoutPlaceholdersIsConstantAndEmptyStaysEmpty() {
        Template plain = Template.parse("{\"a\": {1}} } {{", "The value");
        assertThat(plain.isConstant()).isTrue();
        assertThat(plain.render(5, new Random(), NOW)).isEqualTo("{\"a\": {1}} } {{");
        assertThat(Template.parse(null, "The key").render(3, new Random(), NOW)).isEmpty();
        assertThat(Template.parse("", "The key").isConstant()).isTrue();
    }

    @Test
    void randomStaysInsideItsInclusiveRangeAndReachesBothEnds() {
        Template t = Template.parse("{{random:3-5}}", "The value");
        Random random = new Random(42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(t.render(i, random, NOW));
        }
        assertThat(seen).containsExactlyInAnyOrder("3", "4", "5");
        assertThat(Template.parse("{{random:-2--2}}", "v").render(0, random, NOW))
                .isEqualTo("-2");
        assertThat(Template.parse("{{random: 7 - 7 }}", "v").render(0, random, NOW))
                .isEqualTo("7");
    }

    @Test
    void uuidsAreVersionFourAndDifferPerRecord() {
        Template t = Template.parse("{{uuid}}", "The key");
        Random random = new Random(7);
        UUID first = UUID.fromString(t.render(0, random, NOW));
        UUID second = UUID.fromString(t.render(1, random, NOW));
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anUnknownOrMalformedPlaceholderIsNamed() {
        assertThatThrownBy(() -> Template.parse("id-{{sequence}}", "The key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The key: unknown placeholder {{sequence}}. Known: {{seq}}, {{uuid}}, {{now}}, "
                        + "{{random:A-B}}.");
        assertThatThrownBy(() -> Template.parse("{{random:a-b}}", "Header trace"))
                .hasMessage("Header trace: {{random:a-b}} needs a range of whole numbers, as in {{random:1-100}}.");
        assertThatThrownBy(() -> Template.parse("{{random:9-1}}", "The value"))
                .hasMessage("The value: {{random:9-1}} goes from 9 down to 1; write the smaller number first.");
    }

    @Test
    void aBatchPlanRendersEachRecordAndNamesTheOneWhoseValueIsNotJson() throws Exception {
        BatchPlan plan = new BatchPlan(
                "t",
                null,
                Template.parse("k-{{seq}}", "k"),
                Template.parse("{\"n\": {{seq}}}", "v"),
                null,
                true,
                List.of(
                        new BatchPlan.HeaderTemplate("n", Template.parse("{{seq}}", "h")),
                        new BatchPlan.HeaderTemplate("flag", null)),
                null,
                200,
                10,
                100);
        ProduceRequest r = plan.request(5, new Random(), NOW);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k-15");
        assertThat(new ObjectMapper().readTree(r.value()).get("n").asInt()).isEqualTo(15);
        assertThat(r.headers())
                .containsExactly(
                        new Message.Header("n", "15".getBytes(StandardCharsets.UTF_8)),
                        new Message.Header("flag", null));
        assertThat(plan.dueNanos(0)).isZero();
        assertThat(plan.dueNanos(150))
                .as("by due time from the start: 150 records at 100/s")
                .isEqualTo(1_500_000_000L);

        BatchPlan broken = new BatchPlan(
                "t",
                null,
                Template.parse("", "k"),
                Template.parse("{\"n\": {{random:-1-1}}0}", "v"),
                null,
                true,
                List.of(),
                null,
                50,
                0,
                0);
        Random random = new Random(3);
        assertThatThrownBy(() -> {
                    for (int i = 0; i < 50; i++) {
                        broken.request(i, random, NOW); // "-10" and "10" are JSON numbers; "00" is not
                    }
                })
                .hasMessageStartingWith("Record ")
                .hasMessageContaining("of the batch ({{seq}} = ")
                .hasMessageContaining("The value is not valid JSON");
        assertThat(broken.dueNanos(49)).as("no rate: at once").isZero();

        BatchPlan keyless = new BatchPlan(
                "t",
                2,
                Template.parse("", "k"),
                Template.parse("x", "v"),
                new byte[] {0, (byte) 0xff},
                false,
                List.of(),
                5L,
                1,
                0,
                0);
        ProduceRequest fromFile = keyless.request(0, new Random(), NOW);
        assertThat(fromFile.key()).as("an empty key template: no key").isNull();
        assertThat(fromFile.value()).as("a file's bytes, not the template").containsExactly(0, 0xff);
        assertThat(fromFile.partition()).isEqualTo(2);
        assertThat(fromFile.timestamp()).isEqualTo(5L);
    }

    @Test
    void aBatchSizeOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> new BatchPlan(
                        "t",
                        null,
                        Template.parse("", "k"),
                        Template.parse("", "v"),
                        null,
                        false,
                        List.of(),
                        null,
                        0,
                        0,
                        0))
                .hasMessage("The batch size must be from 1 to 1000000, not 0.");
    }
}
