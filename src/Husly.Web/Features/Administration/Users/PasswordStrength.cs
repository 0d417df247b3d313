using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Husly.Features.Administration.Users;

/// <summary>Refuses passwords that are easy to guess, as NSM and OWASP ASVS advise, instead of rules about character
/// classes: common and leaked passwords, dictionary words and names, repeats ("aaaaaaaaaaaa"), sequences, dates and the
/// user's own name or e-mail. zxcvbn ships its lists inside the package, so nothing is looked up elsewhere.</summary>
internal sealed class PasswordStrength(IStringLocalizer<SharedResource> l) : IPasswordValidator<HuslyUser>
{
    /// <summary>zxcvbn's scale: 3 is "safely unguessable" for an online attack with lockout.</summary>
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<HuslyUser> manager, HuslyUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule reports an empty password
        }
        string[] own = [.. (user.Email ?? "").Split('@', '.', '-', '_'), .. (user.DisplayName ?? "").Split(' '), "oslo", "kommune", "velferdsetaten"];
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, own.Where(w => w.Length > 2)).Score;
        return Task.FromResult(score >= MinimumScore ? IdentityResult.Success : IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordTooWeak",
            Description = l["Passordet er for lett å gjette: det ligner et vanlig passord, et ord, et navn eller gjentatte tegn. Bruk gjerne flere ord i en setning."],
        }));
    }
}
