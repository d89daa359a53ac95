import io.smokegate.gomod.ModuleZip;
import java.nio.file.Path;

/**
 * Times smokegate's module zip verification and h1: hashing (ModuleZip.verify, what goproxy.module and
 * smokegate gosum run) on one zip, for bench/h1.sh. Usage: java -cp target/smokegate.jar bench/H1Bench.java ZIP MODULE VERSION ITERATIONS
 */
public class H1Bench {
    public static void main(String[] args) throws Exception {
        Path zip = Path.of(args[0]);
        int n = Integer.parseInt(args[3]);
        ModuleZip.Verification v = null;
        for (int i = 0; i < 3; i++) {
            v = ModuleZip.verify(zip, args[1], args[2]);
        }
        if (!v.problems().isEmpty()) {
            throw new IllegalStateException(v.problems().toString());
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            v = ModuleZip.verify(zip, args[1], args[2]);
        }
        System.out.printf("%s %.1f%n", v.h1(), (System.nanoTime() - start) / 1e6 / n);
    }
}
