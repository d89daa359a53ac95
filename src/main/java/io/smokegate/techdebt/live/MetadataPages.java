package io.smokegate.techdebt.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.smokegate.kube.PageFetcher;
import io.smokegate.kube.ResourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages of a list read for the names, namespaces and one annotation of their objects only. The request asks for
 * {@code PartialObjectMetadataList} (what {@code kubectl get -o name} uses: the API server sends metadata, not
 * specs); a server that ignores that sends whole objects, and either answer is read as a stream, keeping only those
 * fields, so a page costs memory for its names and annotations rather than its objects.
 */
final class MetadataPages {

    static final String ACCEPT = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";
    private static final JsonFactory JSON = new JsonFactory();

    private MetadataPages() {
    }

    /** The pages of {@code resource} in {@code namespace} (null: all namespaces, or a cluster-scoped resource). */
    static PageFetcher<GenericKubernetesResource> of(ResourceRef resource, String namespace, String annotation) {
        String collection = (resource.group().isEmpty() ? "api/" + resource.version() : "apis/" + resource.group() + "/" + resource.version())
                + (resource.namespaced() && namespace != null ? "/namespaces/" + encode(namespace) : "") + "/" + resource.resource();
        return (client, options) -> RawGet.get(client, collection + "?limit=" + options.getLimit()
                + (options.getContinue() == null ? "" : "&continue=" + encode(options.getContinue())), ACCEPT, in -> read(in, annotation));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A list answer: its continue token and, per item, name, namespace and {@code annotation} (when set). */
    static GenericKubernetesResourceList read(InputStream in, String annotation) throws IOException {
        List<GenericKubernetesResource> items = new ArrayList<>();
        ListMeta listMeta = new ListMeta();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the list answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_STRING && key.equals("continue")) {
                            listMeta.setContinue(p.getText());
                        }
                        p.skipChildren();
                    }
                } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        items.add(item(p, annotation));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        GenericKubernetesResourceList list = new GenericKubernetesResourceList();
        list.setMetadata(listMeta);
        list.setItems(items);
        return list;
    }

    private static GenericKubernetesResource item(JsonParser p, String annotation) throws IOException {
        ObjectMeta meta = new ObjectMeta();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT || !field.equals("metadata")) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && key.equals("name")) {
                    meta.setName(p.getText());
                } else if (value == JsonToken.VALUE_STRING && key.equals("namespace")) {
                    meta.setNamespace(p.getText());
                } else if (value == JsonToken.START_OBJECT && key.equals("annotations")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_STRING && name.equals(annotation)) {
                            meta.setAnnotations(Map.of(annotation, p.getText()));
                        }
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setMetadata(meta);
        return object;
    }
}
