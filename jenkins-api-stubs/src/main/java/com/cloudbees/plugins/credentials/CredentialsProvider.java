package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.jenkins.ui.icon.IconSpec;
import org.springframework.security.core.Authentication;

/**
 * Stub of credentials 1453.v9b_a_29777a_b_fd {@code CredentialsProvider} (static lookup API subset; of the permission
 * constants only {@code GROUP} and {@code USE_ITEM}, {@code NONE} omitted). The constants exist as distinct objects
 * (upstream's descriptions, scopes and {@code Job.CONFIGURE} implication are not modelled, as for core's
 * {@code Item} constants); everything else needs a running Jenkins and throws.
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {
    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);

    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", null, Item.CONFIGURE);

    @SuppressWarnings("unchecked")
    public CredentialsProvider() {
        super(Descriptor.self());
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends IdCredentials> ListBoxModel listCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Upstream: resolves {@code id} (after {@code ${PARAM}} expansion) as the user who triggered {@code run}; returns
     * {@code null} if absent or not usable by that user.
     */
    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: records the use in the credential's fingerprint; returns its argument. */
    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Item item, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconClassName() {
        throw new UnsupportedOperationException("stub");
    }
}
