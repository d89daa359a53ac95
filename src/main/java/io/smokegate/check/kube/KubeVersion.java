package io.smokegate.check.kube;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major and minor of a Kubernetes version as the API server and kubelets report it ({@code v1.32.4},
 * {@code v1.31.2-eks-7f9249a}, {@code v1.30.5+k3s1}); patch and build suffixes do not matter to the skew policy.
 */
record KubeVersion(int major, int minor) {

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:[.+\\-].*)?");

    static Optional<KubeVersion> parse(String text) {
        Matcher m = text == null ? null : VERSION.matcher(text.strip());
        return m != null && m.matches()
                ? Optional.of(new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }
}
