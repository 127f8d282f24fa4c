from django.urls import path

from . import views

app_name = "shop"
urlpatterns = [
    path("", views.storefront, name="storefront"),
    path("products/<int:pk>/", views.product_detail, name="product"),
    path("products/<int:pk>/image.svg", views.product_image, name="product-image"),
    path("checkout/", views.checkout, name="checkout"),
]
