package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Stub of credentials {@code AbstractIdCredentialsListBoxModel} (subset; deprecated acegi/{@code with*} members
 * omitted). Note the fluent methods return {@code AbstractIdCredentialsListBoxModel<T, C>}, not {@code T}.
 * Stub behaviour: the list-only methods {@code includeEmptyValue}, {@code includeCurrentValue} and {@code addMissing}
 * work as upstream (with the plugin's English labels "- none -" / "- current -"); everything that lists credentials
 * needs {@code CredentialsProvider}, hence a running Jenkins, and throws.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
                C extends IdCredentials>
        extends ListBoxModel {
    @NonNull
    protected abstract String describe(@NonNull C c);

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> with(@CheckForNull C u) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        for (Option a : this) {
            if ("".equals(a.value)) {
                return this;
            }
        }
        add(0, new Option("- none -", ""));
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> include(@Nullable Item context, @NonNull Class<? extends C> type) {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type) {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements, @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(@NonNull Authentication authentication,
            @NonNull ItemGroup context, @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements, @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        for (Option a : this) {
            if (value.equals(a.value)) {
                return this;
            }
        }
        // the current should be the first (unless the first is the empty selection), as upstream
        int index = isEmpty() ? 0 : "".equals(get(0).value) ? 1 : 0;
        add(index, new Option("- current -", value));
        return this;
    }

    public boolean addMissing(@NonNull Collection<? extends Option> c) {
        Set<String> existing = new HashSet<>();
        for (Option o : this) {
            existing.add(o.value);
        }
        boolean changed = false;
        for (Option o : c) {
            if (!existing.contains(o.value)) {
                add(o);
                changed = existing.add(o.value) || changed;
            }
        }
        return changed;
    }
}
