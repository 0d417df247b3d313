using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Husly.Data.DemoData;
using Husly.Features.Administration.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Husly.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<HuslyUser> signIn, IPasswordHasher<HuslyUser> hasher, Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    IOptions<IdentityOptions> identity, IOptions<DemoDataOptions> demo, ILogger<LoginModel> logger,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A hash to check passwords against when there is no account, so that a wrong e-mail takes as long as a
    /// wrong password.</summary>
    private static string? _decoyHash;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    [StringLength(2000)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<DemoAccount> DemoAccounts => demo.Value.Enabled ? Data.DemoData.DemoAccounts.All : [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        if (user is null || !user.IsActive)
        {
            // No account (or a deactivated one) looks and takes the same as a wrong password: a hash is checked, failures
            // are counted, and the lockout message comes after as many failures as for a real account.
            var decoy = user ?? new HuslyUser { DisplayName = "" };
            hasher.VerifyHashedPassword(decoy, user?.PasswordHash ?? (_decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString())), Input.Password);
            var key = "signin-miss:" + signIn.UserManager.NormalizeEmail(Input.Email);
            var failures = cache.GetOrCreate(key, e =>
            {
                e.AbsoluteExpirationRelativeToNow = identity.Value.Lockout.DefaultLockoutTimeSpan;
                return new StrongBox<int>();
            })!;
            Error = Interlocked.Increment(ref failures.Value) >= identity.Value.Lockout.MaxFailedAccessAttempts ? LockedOut : l["Feil e-postadresse eller passord."];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // A locked account is answered without checking the password; check one anyway so the time gives nothing away.
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? "", Input.Password);
            logger.LogWarning("User {UserId} is locked out after failed sign-ins", user.Id);
            Error = LockedOut;
            return Page();
        }
        if (!result.Succeeded)
        {
            Error = l["Feil e-postadresse eller passord."];
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private string LockedOut => l["Kontoen er midlertidig låst etter for mange mislykkede forsøk. Prøv igjen om 15 minutter."];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv inn e-postadressen din.")]
        [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
        [StringLength(256, ErrorMessage = "E-postadressen kan ha høyst {1} tegn.")]
        [Display(Name = "E-post")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv inn passordet ditt.")]
        [StringLength(256, ErrorMessage = "Passordet kan ha høyst {1} tegn.")]
        [Display(Name = "Passord")]
        public string Password { get; set; } = "";
    }
}
