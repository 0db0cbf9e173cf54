package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ModelObject;
import hudson.model.Result;

/** Stub of core {@code jenkins.model.HistoricalBuild} (Beta-restricted in core; subset of members). */
public interface HistoricalBuild extends ModelObject {
    int getNumber();

    @NonNull
    String getUrl();

    @NonNull
    String getFullDisplayName();

    @CheckForNull
    Result getResult();

    boolean isBuilding();
}
