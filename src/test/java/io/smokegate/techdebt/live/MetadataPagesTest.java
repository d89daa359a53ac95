package io.smokegate.techdebt.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** List pages read for names, namespaces and the last-applied annotation only. */
class MetadataPagesTest {

    private static final String ANNOTATION = LastAppliedConfigurations.ANNOTATION;

    private static GenericKubernetesResourceList read(String body) throws IOException {
        return MetadataPages.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), ANNOTATION);
    }

    @Test
    void aPartialObjectMetadataListKeepsNamesAndTheAnnotationOnly() throws IOException {
        // as an API server answers Accept: application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io
        GenericKubernetesResourceList page = read("""
                {"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"48213",\
                "continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgyMTMsInN0YXJ0Ijoic2hvcC93ZWJcdTAwMDAifQ","remainingItemCount":41},\
                "items":[{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web","namespace":"shop",\
                "uid":"6f1c2a9e-4a8e-4a55-9f57-0c1b8f0f3b1e","resourceVersion":"48101","generation":4,\
                "creationTimestamp":"2026-11-02T08:14:51Z","labels":{"app":"web"},"annotations":{"deployment.kubernetes.io/revision":"4",\
                "kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\"}\\n"},\
                "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1",\
                "time":"2026-11-02T08:14:51Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{}}}}}]}},\
                {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"reader","labels":{"a":"b"}}}]}""");
        assertEquals("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgyMTMsInN0YXJ0Ijoic2hvcC93ZWJcdTAwMDAifQ", page.getMetadata().getContinue());
        assertEquals(List.of("shop/web", "null/reader"), page.getItems().stream()
                .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList());
        assertEquals(Map.of(ANNOTATION, "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}\n"),
                page.getItems().get(0).getMetadata().getAnnotations());
        assertEquals(Map.of(), page.getItems().get(1).getMetadata().getAnnotations());
    }

    @Test
    void wholeObjectsAreReadTheSameWayAndTheLastPageHasNoToken() throws IOException {
        GenericKubernetesResourceList page = read("""
                {"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":\
                {"name":"api","namespace":"shop","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},\
                "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"api","image":"shop/api:1.2"}]}}},\
                "status":{"conditions":[{"type":"Available","status":"True"}]}}]}""");
        assertEquals(null, page.getMetadata().getContinue());
        assertEquals(List.of(Map.of(ANNOTATION, "{}")), page.getItems().stream().map(o -> o.getMetadata().getAnnotations()).toList());
    }

    @Test
    void anAnswerThatIsNotAListObjectFailsThePage() {
        assertEquals("the list answer is not a JSON object", assertThrows(IOException.class, () -> read("[1, 2]")).getMessage());
    }
}
