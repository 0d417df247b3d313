using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Husly.Platform.Auth;

/// <summary>Identity's messages in Bokmål (and English through the shared resource).</summary>
internal sealed class NorwegianIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["Passordet må ha minst {0} tegn.", length] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = l["Nåværende passord er feil."] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = l["E-postadressen er allerede i bruk."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = l["E-postadressen er allerede i bruk."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = l["E-postadressen er ugyldig."] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = l["E-postadressen er ugyldig."] };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = l["Noen andre har endret dette i mellomtiden."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = l["Noe gikk galt. Prøv igjen."] };
}
