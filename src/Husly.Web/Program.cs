using System.Text.Encodings.Web;
using System.Text.Unicode;
using Husly.Data;
using Husly.Features.Account;
using Husly.Features.Administration;
using Husly.Features.Calls;
using Husly.Features.Catalogue;
using Husly.Features.Casework;
using Husly.Features.Concerns;
using Husly.Features.Outcomes;
using Husly.Features.Portfolio;
using Husly.Platform;
using Husly.Platform.Auth;
using Husly.Platform.Errors;
using Husly.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHuslyData(builder.Configuration);
// Administration registers Identity; the cookie settings in AddHuslyAuth must come after it to take effect.
builder.Services.AddAdministration();
builder.Services.AddHuslyAuth();
builder.Services.AddUserSessions();
builder.Services.AddHuslyLocalization();
builder.Services.AddHuslyErrors();
builder.Services.AddRouting(o => o.LowercaseUrls = true);
// Razor would otherwise encode æ, ø and å as numeric entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.Add(new Husly.Platform.Errors.RouteValuesFromRouteOnly());
    })
    .AddMvcOptions(o =>
    {
        o.Filters.Add<Husly.Platform.Errors.UnknownHandlerFilter>();
        o.ModelBinderProviders.Insert(0, new Husly.Platform.Forms.DateOnlyModelBinderProvider());
        o.ModelBinderProviders.Insert(0, new Husly.Platform.Forms.NumberModelBinderProvider());
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(Husly.SharedResource)));
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddPortfolio();
builder.Services.AddCasework();
builder.Services.AddCalls();
builder.Services.AddCatalogue(builder.Configuration);
builder.Services.AddConcerns();
builder.Services.AddOutcomes();
builder.Services.AddOptions<Husly.Features.Bench.BenchOptions>().BindConfiguration("Bench").ValidateDataAnnotations().ValidateOnStart();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UseHuslySecurityHeaders();
app.UseHuslyErrors();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<FirstPasswordGate>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapRazorPages();
app.MapPortfolio();
app.MapCatalogue();
app.MapConcerns();

await app.RunAsync();

public partial class Program;
