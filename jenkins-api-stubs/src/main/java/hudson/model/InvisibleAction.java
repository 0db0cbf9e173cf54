package hudson.model;

/** Stub of core {@code hudson.model.InvisibleAction}; as in core, all three return {@code null} (only the first two are final). */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
