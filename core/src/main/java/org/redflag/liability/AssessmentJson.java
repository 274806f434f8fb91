package org.redflag.liability;

import java.util.List;
import org.redflag.law.PolicyPack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An assessment as {@code assessment.schema.json} describes it, plus what the schema allows implementations to add:
 * the trace tree, Table 2 obligations, the judicial test, and the input and pack it was made on (for replay).
 */
public final class AssessmentJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AssessmentJson() {
    }

    public static ObjectNode toJson(Assessment a) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("caseId", a.input().id());
        PolicyPack pack = a.pack();
        ObjectNode policy = root.putObject("policy");
        policy.put("id", pack.id());
        policy.put("version", pack.version());
        policy.put("source", pack.source());
        root.put("platformLiable", a.platformLiable());
        root.put("liability", a.liability().name());
        root.put("knowledge", a.knowledge().name());
        if (a.knowledgeSince().isPresent()) {
            root.put("knowledgeSince", a.knowledgeSince().get().show(pack.timeZone()));
        } else {
            root.putNull("knowledgeSince");
        }
        root.put("dutyOfCare", a.dutyOfCare().name());
        root.put("safeHarbor", a.safeHarbour().name());
        root.put("assessedAt", a.assessedAt());
        ArrayNode flags = root.putArray("redFlags");
        a.redFlags().forEach(f -> {
            ObjectNode n = flags.addObject();
            n.put("code", f.code().name());
            n.put("detail", f.detail());
            strings(n.putArray("citations"), f.citations());
        });
        ArrayNode findings = root.putArray("findings");
        a.trace().walk(t -> {
            if (t == a.trace()) {
                return;
            }
            ObjectNode n = findings.addObject();
            n.put("rule", t.rule());
            n.put("outcome", t.outcome().name());
            n.put("conclusion", t.conclusion());
            strings(n.putArray("facts"), t.facts());
            strings(n.putArray("citations"), t.citations());
        });
        strings(root.putArray("counterfactuals"), a.counterfactuals());
        if (a.notifierLiability().isPresent()) {
            var l = a.notifierLiability().get();
            ObjectNode n = root.putObject("rightsHolderLiability");
            n.put("liability", l.liability());
            n.put("platformTowardsSeller", l.platformTowardsSeller());
            strings(n.putArray("reasons"), l.reasons());
            strings(n.putArray("citations"), l.citations());
        } else {
            root.putNull("rightsHolderLiability");
        }
        ArrayNode obligations = root.putArray("obligations");
        a.obligations().forEach(o -> {
            ObjectNode n = obligations.addObject();
            n.put("kind", o.kind());
            n.put("text", o.text());
            n.put("status", o.status().name());
            strings(n.putArray("citations"), o.citations());
        });
        ArrayNode judicial = root.putArray("judicialTest");
        a.judicialTest().forEach(j -> {
            ObjectNode n = judicial.addObject();
            n.put("question", j.question());
            n.put("answer", j.answer().name());
            n.put("reason", j.reason());
            strings(n.putArray("citations"), j.citations());
        });
        ObjectNode provisions = root.putObject("provisions");
        a.trace().walk(t -> t.citations().forEach(id -> {
            if (!provisions.has(id)) {
                var p = pack.provision(id);
                provisions.put(id, p.label() + ": " + p.text());
            }
        }));
        root.set("trace", trace(a.trace()));
        root.set("input", CaseReader.mapper().valueToTree(a.input()));
        return root;
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    private static ObjectNode trace(TraceNode t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("rule", t.rule());
        n.put("step", t.step().name());
        n.put("outcome", t.outcome().name());
        n.put("conclusion", t.conclusion());
        strings(n.putArray("facts"), t.facts());
        strings(n.putArray("citations"), t.citations());
        ArrayNode children = n.putArray("children");
        t.children().forEach(c -> children.add(trace(c)));
        return n;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
