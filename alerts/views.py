"""The public pages of the e-mail alerts: subscribe, confirm, manage, unsubscribe.

None is cached (each carries a form's CSRF token or a person's own link): ``never_cache`` marks them private,
which keeps them out of the page cache too. The links carry a signed token (alerts.tokens); the one-click
unsubscribe of RFC 8058 is a POST without a CSRF token, authenticated by that signature alone.
"""

from axes.helpers import get_client_ip_address
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from sitewide.seo import PageMeta

from . import services, tokens
from .forms import ChoicesForm, SubscribeForm
from .models import Frequency, Topic


def _meta(title, path):
    return PageMeta(title=title, path=path, noindex=True)


@never_cache
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if not services.too_many_requests_from(get_client_ip_address(request)):
                data = form.cleaned_data
                services.subscribe(data["email"], data["language"], data["topics"], data["frequency"], data["page"])
            # The same answer whether the address was new, known, throttled or not: nobody learns which.
            return redirect(reverse("alerts:check_email"))
    else:
        topic = request.GET.get("topic")
        initial = {"language": get_language() or "en", "frequency": Frequency.IMMEDIATE,
                   "topics": [topic] if topic in Topic.values else [Topic.NOTICES]}  # fmt: skip
        if request.GET.get("page"):
            initial |= {"page": request.GET["page"][:120], "topics": [Topic.PAGE]}
        form = SubscribeForm(initial=initial)
    return render(
        request, "alerts/subscribe.html", {"form": form, "meta": _meta(gettext("E-mail alerts"), request.path)}
    )


@never_cache
def check_email(request):
    return render(request, "alerts/check_email.html", {"meta": _meta(gettext("E-mail alerts"), request.path)})


def _subscriber(token, reader):
    subscriber = reader(token)
    if subscriber is None:
        raise Http404("This link is not valid, or has expired.")
    return subscriber


@never_cache
def confirm(request, token):
    # A GET only shows the button: mail scanners follow links, and must not confirm for the reader.
    subscriber = _subscriber(token, tokens.subscriber_from_confirm_token)
    confirmed = False
    if request.method == "POST":
        confirmed = services.confirm(subscriber)
    context = {"confirmed": confirmed, "subscriber": subscriber, "manage_token": tokens.manage_token(subscriber),
               "meta": _meta(gettext("Confirm your e-mail alerts"), request.path)}  # fmt: skip
    return render(request, "alerts/confirm.html", context)


@never_cache
def manage(request, token):
    subscriber = _subscriber(token, tokens.subscriber_from_manage_token)
    subscriptions = list(subscriber.subscriptions.select_related("page"))
    saved = False
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.set_subscriptions(subscriber, data["topics"], data["frequency"], data["page"])
            subscriber.language = data["language"]
            subscriber.save(update_fields=["language"])
            saved = True
            subscriptions = list(subscriber.subscriptions.select_related("page"))
    else:
        page = next((s.page for s in subscriptions if s.page_id), None)
        form = ChoicesForm(initial={
            "topics": [s.topic for s in subscriptions],
            "page": page.slug if page else None,
            "frequency": subscriptions[0].frequency if subscriptions else Frequency.IMMEDIATE,
            "language": subscriber.language,
        })  # fmt: skip
    context = {"form": form, "saved": saved, "subscriber": subscriber, "token": token,
               "meta": _meta(gettext("Your e-mail alerts"), request.path)}  # fmt: skip
    return render(request, "alerts/manage.html", context)


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """GET: a page with a button. POST: unsubscribe at once, from the page's button or a mail program's
    one-click request (RFC 8058: ``List-Unsubscribe=One-Click`` in the body, no cookies, no CSRF token)."""
    subscriber = _subscriber(token, tokens.subscriber_from_manage_token)
    if request.method == "POST":
        services.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return render(request, "alerts/unsubscribed.html", {"meta": _meta(gettext("Unsubscribed"), request.path)})
    return render(request, "alerts/unsubscribe.html", {"meta": _meta(gettext("Unsubscribe"), request.path)})
