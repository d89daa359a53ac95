package io.smokegate.testing.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacTest {

    private static final Rbac.Subject SMOKEGATE = Rbac.Subject.serviceAccount("smokegate", "smokegate");

    private static final String ROLES = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: chaos, namespace: shop}
            rules:
              - apiGroups: [chaos-mesh.org]
                resources: [networkchaos]
                verbs: [create, delete]
              - apiGroups: [apps]
                resources: [deployments/scale]
                verbs: [update]
              - apiGroups: [""]
                resources: [configmaps]
                resourceNames: [smokegate-lock]
                verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: chaos, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos}
            subjects: [{kind: ServiceAccount, name: smokegate, namespace: smokegate}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: read}
            rules:
              - apiGroups: [""]
                resources: [pods]
                verbs: [list]
              - nonResourceURLs: [/metrics]
                verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: read}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: read}
            subjects: [{kind: ServiceAccount, name: smokegate, namespace: smokegate}]
            """;

    private static List<Rbac.Permission> granted() throws IOException {
        return Rbac.parse(ROLES).permissionsOf(SMOKEGATE);
    }

    private static boolean allowed(String method, String target) throws IOException {
        return !Rbac.allowing(granted(), ApiRequest.of(method, target, "smokegate/dev", "RbacTest")).isEmpty();
    }

    @Test
    void aRoleAllowsItsVerbOnItsResourceInItsNamespace() throws IOException {
        assertTrue(allowed("POST", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos"));
        assertTrue(allowed("DELETE", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos/delay-1"));
    }

    @Test
    void aRoleDeniesTheSameRequestInAnotherNamespace() throws IOException {
        assertEquals(false, allowed("POST", "/apis/chaos-mesh.org/v1alpha1/namespaces/kube-system/networkchaos"));
    }

    @Test
    void aRoleNeverAllowsARequestAtTheClusterScope() throws IOException {
        assertEquals(false, allowed("DELETE", "/apis/chaos-mesh.org/v1alpha1/networkchaos"));
    }

    @Test
    void aVerbTheRuleDoesNotNameIsDenied() throws IOException {
        assertEquals(false, allowed("PATCH", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos/delay-1"));
        assertEquals(false, allowed("GET", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos/delay-1"));
    }

    @Test
    void aDeleteWithoutANameIsDeletecollectionWhichDeleteDoesNotAllow() throws IOException {
        assertEquals("deletecollection",
                ApiRequest.of("DELETE", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos", null, "").verb());
        assertEquals(false, allowed("DELETE", "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos"));
    }

    @Test
    void aSubresourceIsAllowedOnlyWhereTheRuleNamesIt() throws IOException {
        assertTrue(allowed("PUT", "/apis/apps/v1/namespaces/shop/deployments/web/scale"));
        assertEquals(false, allowed("PUT", "/apis/apps/v1/namespaces/shop/deployments/web"));
        assertEquals(false, allowed("GET", "/api/v1/namespaces/shop/pods/web-0/log"));
    }

    @Test
    void aRuleWithResourceNamesAllowsOnlyThoseNames() throws IOException {
        assertTrue(allowed("GET", "/api/v1/namespaces/shop/configmaps/smokegate-lock"));
        assertEquals(false, allowed("GET", "/api/v1/namespaces/shop/configmaps/other"));
        assertEquals(false, allowed("GET", "/api/v1/namespaces/shop/configmaps"));
    }

    @Test
    void aClusterRoleBoundClusterWideAllowsEveryNamespaceAndTheClusterScope() throws IOException {
        assertTrue(allowed("GET", "/api/v1/pods?limit=500"));
        assertTrue(allowed("GET", "/api/v1/namespaces/any/pods"));
        assertEquals(false, allowed("GET", "/api/v1/namespaces/any/pods?watch=true"));
    }

    @Test
    void aNonResourceUrlIsAllowedOnlyByANonResourceRule() throws IOException {
        assertTrue(allowed("GET", "/metrics"));
        assertEquals(false, allowed("GET", "/logs"));
    }

    @Test
    void aClusterRoleBoundByARoleBindingGrantsOnlyInTheBindingsNamespace() throws IOException {
        List<Rbac.Permission> granted = Rbac.parse(ROLES.replace("kind: ClusterRoleBinding\nmetadata: {name: read}",
                "kind: RoleBinding\nmetadata: {name: read, namespace: shop}")).permissionsOf(SMOKEGATE);

        assertEquals(1, Rbac.allowing(granted, ApiRequest.of("GET", "/api/v1/namespaces/shop/pods", null, "")).size());
        assertEquals(List.of(), Rbac.allowing(granted, ApiRequest.of("GET", "/api/v1/namespaces/other/pods", null, "")));
        assertEquals(List.of(), Rbac.allowing(granted, ApiRequest.of("GET", "/api/v1/pods", null, "")));
    }

    @Test
    void anotherSubjectGetsNothingFromTheseBindings() throws IOException {
        assertEquals(List.of(), Rbac.parse(ROLES).permissionsOf(Rbac.Subject.serviceAccount("default", "smokegate")));
    }

    @Test
    void eachRuleExpandsToOnePermissionPerVerbResourceAndNamespace() throws IOException {
        assertEquals(List.of(
                "create networkchaos (chaos-mesh.org) in namespace \"shop\" [Role/chaos via RoleBinding/chaos]",
                "delete networkchaos (chaos-mesh.org) in namespace \"shop\" [Role/chaos via RoleBinding/chaos]",
                "update deployments/scale (apps) in namespace \"shop\" [Role/chaos via RoleBinding/chaos]",
                "get configmaps (core) named \"smokegate-lock\" in namespace \"shop\" [Role/chaos via RoleBinding/chaos]",
                "list pods (core) cluster-wide [ClusterRole/read via ClusterRoleBinding/read]",
                "get /metrics [ClusterRole/read via ClusterRoleBinding/read]"),
                granted().stream().map(Rbac.Permission::describe).toList());
    }

    @Test
    void wildcardsMatchAsRbacMatchesThemAndAreFlagged() throws IOException {
        List<Rbac.Permission> granted = Rbac.parse(ROLES.replace("resources: [pods]\n    verbs: [list]",
                "resources: [\"*/log\"]\n    verbs: [\"*\"]")).permissionsOf(SMOKEGATE);

        assertEquals(1, Rbac.allowing(granted, ApiRequest.of("GET", "/api/v1/namespaces/a/pods/p/log", null, "")).size());
        assertEquals(List.of(), Rbac.allowing(granted, ApiRequest.of("GET", "/api/v1/namespaces/a/pods/p", null, "")));
        assertEquals(List.of("* */log (core) cluster-wide [ClusterRole/read via ClusterRoleBinding/read]"),
                granted.stream().filter(Rbac.Permission::wildcard).filter(p -> !p.nonResource()).map(Rbac.Permission::describe).toList());
    }

    @Test
    void requestAttributesAreDerivedAsTheApiServerDerivesThem() {
        assertEquals(new ApiRequest("smokegate", "list", "apps", "deployments", "", "shop", "", "", "T",
                "GET /apis/apps/v1/namespaces/shop/deployments?limit=500"),
                ApiRequest.of("GET", "/apis/apps/v1/namespaces/shop/deployments?limit=500", "smokegate/0.1.0", "T"));
        assertEquals("watch pods at cluster scope", ApiRequest.of("GET", "/api/v1/pods?watch=true", null, "").describe());
        assertEquals("get namespaces \"shop\" in namespace \"shop\"",
                ApiRequest.of("GET", "/api/v1/namespaces/shop", null, "").describe());
        assertEquals("update namespaces/finalize \"shop\" in namespace \"shop\"",
                ApiRequest.of("PUT", "/api/v1/namespaces/shop/finalize", null, "").describe());
        assertEquals("list secrets \"tls\" in namespace \"a\"",
                ApiRequest.of("GET", "/api/v1/namespaces/a/secrets?fieldSelector=metadata.name%3Dtls", null, "").describe());
        assertEquals("get /apis/apps/v1", ApiRequest.of("GET", "/apis/apps/v1", null, "").describe());
        assertEquals("kubectl", ApiRequest.of("GET", "/version", "kubectl/v1.32.0 (linux/amd64)", "").client());
    }
}
