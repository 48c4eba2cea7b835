# Lo que dice el servidor cuando no puede hacer lo que se le pide: el
# `detail` de sus documentos de problema, en el idioma del lector.

## Anywhere
already-recorded = Eso ya está registrado; vuelva a cargar la página para verlo.
refers-to-nothing = Eso se refiere a algo que no existe o que aquí no está permitido.
our-side-went-wrong = Algo salió mal de nuestro lado. Inténtelo de nuevo en un momento.
too-busy-now = Pulse está demasiado ocupado para responder ahora mismo. Inténtelo de nuevo en unos segundos.

## Who may do what (policy.rs)
must-sign-in = Tiene que iniciar sesión para hacer eso. Cree una cuenta o inicie sesión en la suya.
topic-not-open-yet = Este tema aún no está abierto: se abre el { $date }. Vuelva entonces para participar.
topic-not-published = Este tema aún no es público: es una vista previa. Los residentes podrán participar cuando un administrador lo publique.
revision-before-publish = Este tema aún no está publicado: cambie su borrador directamente en lugar de publicar una revisión.
setup-draft-published = El borrador de un tema publicado solo cambia con un borrador revisado, para que sus comentarios puedan seguir el cambio. Publique una revisión.
deadline-passed-on = El plazo para participar ya pasó: este tema se cerró el { $date }. Para seguir las novedades, suscríbase al tema.
confirm-to-take-part = Confirme su dirección de correo para participar: este tema cuenta una voz por persona.
own-comment-no-flag = Este es su propio comentario: puede editarlo o retirarlo en lugar de señalarlo.
only-author-changes = Solo quien escribió un comentario puede cambiarlo o retirarlo.
withdrawn-already = Ya retiró este comentario.
hidden-cannot-change = El anfitrión del tema ocultó este comentario, así que no se puede cambiar.
only-host-can = Solo el anfitrión de este tema puede { $what }.
host-moderate = moderar sus comentarios
host-answer = responder oficialmente a los comentarios
host-post-updates = publicar novedades
host-change-dates = cambiar sus fechas
host-revise = publicar un borrador revisado
host-read-audit = leer su registro de auditoría
host-no-topics = Aún no es anfitrión de ningún tema: un administrador nombra a los anfitriones de cada tema.
desk-query = El escritorio no pudo leer ese filtro: show, sort, status y page admiten los valores que ofrece el escritorio.
choose-status-first = Elija qué dice la respuesta sobre el comentario (adoptado, adoptado en parte, no adoptado, respondido o fuera de alcance) antes de publicarla.
form-document-line = Cada documento es una línea con su título, una barra vertical y su dirección; esta no tiene barra: «{ $line }».
only-admin = Solo un administrador puede hacer eso.
audit-page-numbers = El registro de auditoría no pudo leer ese filtro: «before» y «limit» son números enteros mayores que cero, y «action» es un código como post_update.
report-when-closed = El informe de este tema se publica cuando se cierra, el { $date }.

## Comments (api/comments.rs)
not-a-section = Ese no es el nombre de una sección.
page-holds = Una página tiene de 1 a { $most } hilos de comentarios.
not-a-place-in-comments = Ese no es un lugar en los comentarios: use el `next` de la página anterior.
record-limit = Una página del registro tiene de 1 a { $max } entradas.
record-after = Ese no es un lugar en el registro: indique una posición (0 para el comienzo) o el `next` de la página anterior.
record-before = Ese no es un lugar en el registro: indique una posición de 1 o más, o el `earlier` de la página siguiente.
record-after-or-before = Indique `after` o `before`, no los dos: una página del registro se lee en un solo sentido.
no-such-section-to-comment = El borrador actual no tiene esa sección para comentar.
no-draft-to-comment = Este tema no tiene borrador que comentar.
general-cannot-quote = Un comentario sobre el tema en general no puede citar una sección; comente en la sección.
quote-not-in-section = El pasaje citado no está en esta sección del borrador actual.
reply-to-nothing = El comentario al que responde no existe.
reply-same-section = Una respuesta debe estar en la misma sección que el comentario al que responde.
no-such-comment = No hay ningún comentario con el identificador “{ $id }”.
no-reactions-here = Este comentario está retirado u oculto, así que no admite reacciones.
no-reacting-to-own = No puede estar de acuerdo ni en desacuerdo con su propio comentario.

## Moderation and the host (api/moderation.rs)
flagged-already = Ya señaló este comentario; el anfitrión del tema lo revisará.
hide-needs-reason = Indique el motivo para ocultar este comentario: los residentes lo verán en su lugar.
hidden-already = Este comentario ya está oculto.
nothing-to-restore = Este comentario no está oculto, así que no hay nada que restaurar.
no-flags-to-dismiss = Este comentario no tiene señalamientos abiertos que descartar.
withdrawn-no-response = Su autor retiró este comentario, así que no admite una respuesta oficial.

## Polls (api/polls.rs)
no-such-poll = No hay ninguna encuesta con el identificador “{ $id }”.
one-choice-only = Esta encuesta admite una sola opción.
too-many-choices = Esa papeleta tiene demasiadas opciones.
option-once = Cada opción se puede elegir una sola vez.
not-this-polls-option = La opción { $option } no es una de las opciones de esta encuesta.

## Topics (api/topics.rs)
status-to-list = El estado que listar debe ser upcoming, open o closed.
no-such-topic = No hay ningún tema llamado “{ $slug }”.
setting-is-wrong = { $field }: { $message }
slug-taken = slug: ya existe un tema llamado “{ $slug }”; elija otro slug.
no-account-with-address = No hay ninguna cuenta con la dirección de correo { $email }.
no-account-to-host = No hay ninguna cuenta con la dirección de correo { $email }. Indique el nombre de la persona para invitarla: se crea una cuenta y se le envía un enlace para elegir su contraseña.
setup-slug = Use letras minúsculas, dígitos y guiones, como body-worn-cameras (como máximo { $max } caracteres).
setup-close-after-open = El tema debe cerrarse después de abrirse.
setup-time-zone = «{ $zone }» no es una zona horaria que este servidor conozca; use una como America/Chicago.
setup-documents = Un tema puede enumerar como máximo { $max } documentos.
setup-document-url = Indique una dirección web que empiece por https:// o http://.
setup-draft-too-long = Un borrador puede tener como máximo { $kb } KB.
setup-draft-empty = El borrador está vacío: indique el texto de la política.
setup-draft-control = Un borrador no puede tener caracteres de control (solo saltos de línea y tabulaciones).
setup-polls = Un tema puede tener como máximo { $max } encuestas.
setup-poll-options = Una encuesta necesita entre 2 y { $max } opciones.
setup-options-differ = Cada opción debe ser distinta de las demás.
setup-poll-section = El borrador no tiene la sección «{ $anchor }»; omítala para una encuesta sobre todo el tema.
setup-nothing-to-change = Nada que cambiar: indique al menos un campo.
setup-translation-of-original = El tema está escrito en inglés: una traducción es a otro idioma, como es.
setup-translation-draft-pair = Indique el título del borrador traducido y su texto juntos, o ninguno de los dos.
setup-translation-sections = Un borrador traducido tiene las secciones del original, una a una y en orden: este tiene { $found } donde el original tiene { $expected }.
setup-translation-level = El encabezado «{ $heading }» de la traducción está donde el original tiene «{ $original }»{ $number } en otro nivel de encabezado: use los niveles del original.
setup-translation-options = Una encuesta traducida tiene las opciones del original, una a una y en orden: esta tiene { $found } donde el original tiene { $expected }.
revision-same = Este borrador es igual a la versión { $version }: no hay nada que publicar.
revision-section-unknown = El borrador revisado no tiene la sección «{ $anchor }».
revision-section-unchanged = La sección «{ $anchor }» no cambió en esta revisión: una nota explica por qué cambió una sección.
revision-comment-unknown = El comentario { $id } no es un comentario sobre una versión anterior de este tema.
revision-comments-too-many = Se pueden nombrar como máximo { $max } comentarios por sección.
no-such-version = Este tema no tiene versión { $version }.
version-number = Una versión es un número entero a partir de 1.
no-such-section-in-version = La versión { $version } del borrador no tiene la sección «{ $anchor }».
landed-pair = Indique tanto la versión como la sección donde quedó el comentario, o ninguna de las dos.

## Passwords (password.rs)
password-common = Esa contraseña es una de las más comunes, así que es fácil de adivinar. Elija otra.
password-repeated = Una contraseña de un solo carácter repetido es fácil de adivinar. Elija otra.
password-own-words = Una contraseña hecha con su dirección de correo o su nombre es fácil de adivinar. Elija otra.

## Subscriptions (api/subscriptions.rs)
no-such-section-to-follow = El borrador de este tema no tiene esa sección para seguir.
place-general = General
place-gone = Una sección que ya no está en el borrador
no-topic-here = No hay ningún tema en esta dirección.
sign-in-to-subscribe = Inicie sesión para suscribirse con su cuenta, o indique una dirección de correo.
link-expired = Este enlace caducó o ya se usó. Pida uno nuevo.
no-such-subscription = No tiene esa suscripción.

## Mailed links (api/account_mail.rs)
address-confirmed-already = Su dirección de correo ya está confirmada.

## The account (api/account_settings.rs)
wrong-current-password = Esa no es su contraseña actual. Revísela e inténtelo de nuevo.
already-your-address = Esa ya es la dirección de su cuenta.
address-taken-by-other = Otra cuenta tiene esa dirección. Si es suya, inicie sesión en ella.
change-nothing = Indique qué cambiar: el nombre, el idioma de los correos o ambos.
no-such-language = Pulse escribe en inglés o en español: elija uno de los dos.

## Accounts (api/accounts.rs)
wrong-credentials = Esa dirección de correo y esa contraseña no corresponden a ninguna cuenta. Revíselas e inténtelo de nuevo.
account-exists = Ya existe una cuenta con esta dirección de correo. Inicie sesión.
name-like-staff = “{ $name }” se parece demasiado al nombre de { $staff }, que forma parte del personal de la ciudad en Pulse. Elija un nombre que sea suyo.

## Dates (api/dates.rs)
place-one-line = Indique el lugar en una línea como máximo.
date-out-of-range = Esa fecha está fuera de rango: indique una entre 2000 y 2200.
wall-time-gap = { $time } no existe en { $zone }: esa noche los relojes se adelantan una hora. Elija una hora fuera de la hora que se salta.
wall-time-twice = { $time } ocurre dos veces en { $zone }: esa noche los relojes se atrasan una hora. Elija cuál: la primera ({ $first }) o la segunda ({ $second }).
fold-which = Indique cuál de las dos horas es: «earlier» (la primera) o «later» (la segunda).
no-such-date = Este tema no tiene esa fecha.

## The API (api/mod.rs)
no-such-endpoint = No existe ese punto de la API.
method-not-allowed = Este punto de la API no acepta ese método.
no-such-subscription-id = No hay ninguna suscripción con el identificador “{ $id }”.
no-such-date-id = No hay ninguna fecha con el identificador “{ $id }”.

## Limits (ratelimit.rs)
too-many-wait-a-minute = Se alcanzó el límite de { $what } en poco tiempo. Espere un minuto e inténtelo de nuevo.
too-many-wait-minutes = Se alcanzó el límite de { $what } en poco tiempo. Espere { $n } minutos e inténtelo de nuevo.
limit-votes = votos
limit-comments = comentarios
limit-subscriptions = suscripciones desde esta dirección
limit-account-sign-ins = intentos de iniciar sesión en esta cuenta
limit-new-accounts = cuentas nuevas desde esta dirección
limit-sign-ins = intentos de registrarse o iniciar sesión
limit-password-resets = solicitudes de nueva contraseña desde esta dirección

## Reading requests (extract.rs)
send-json = Envíe el cuerpo de la solicitud como JSON, con Content-Type: application/json.
not-json = El cuerpo de la solicitud no es JSON válido.
missing-fields = Al cuerpo de la solicitud le faltan los campos que esto necesita ({ $cause }).
too-large = La solicitud es demasiado grande: se aceptan como máximo { $kb } KB.
body-unreadable = No se pudo leer el cuerpo de la solicitud.
nothing-at-address = No hay nada en esta dirección.
query-unreadable = No se pudo leer la consulta de esta dirección.
send-form = Envíe el formulario como application/x-www-form-urlencoded, como lo hace un navegador.
form-unreadable = No se pudo leer el formulario. Vuelva atrás, recargue la página y envíelo de nuevo.

## Writes from this site only (origin.rs)
other-website = Esta solicitud vino de otro sitio web y se rechazó. Use las páginas de Pulse.
form-expired = Este formulario estuvo abierto demasiado tiempo o vino de otro sitio web. Se muestra de nuevo: revíselo y envíelo otra vez.

## The city (city_pages.rs)
no-such-city-page = La ciudad no tiene ninguna página con ese nombre.

## Unsubscribing (unsubscribe.rs)
send-one-click = Envíe List-Unsubscribe=One-Click para darse de baja.
not-our-unsubscribe-link = Este enlace para darse de baja no es nuestro.

## The report for council (services/report.rs)
counting-rule-single = Una opción por voto; cada cuenta emite un voto y puede cambiarlo hasta la fecha límite. Los porcentajes son de los votos emitidos.
counting-rule-multiple = Varias opciones por voto; cada cuenta emite un voto y puede cambiarlo hasta la fecha límite. El porcentaje de una opción es la parte de los votos que la eligieron, así que pueden sumar más de 100.
setup-poll-voted = Ya se ha votado en «{ $question }»: su pregunta y sus opciones ya no cambian.
setup-poll-voted-translation = Ya se ha votado en «{ $question }»: se le puede añadir una traducción, pero la que tiene ya no cambia.
