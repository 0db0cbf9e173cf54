package jenkins;

/** Stub of core {@code jenkins.YesNoMaybe}; constants are real, methods behave as in core (pure functions). */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        return v == null ? null : v.toBool();
    }

    public Boolean toBool() {
        switch (this) {
            case YES:
                return Boolean.TRUE;
            case NO:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
